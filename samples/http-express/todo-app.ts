import express, { type Express } from 'express';
import { TodoStore } from './todo-store';

/** The token of the Express app HttpServerModule serves. */
export const TODO_APP = Symbol('TODO_APP');

/** An ordinary Express app: keel listens, answers /healthz and /readyz in front of it, and drains it on SIGTERM. */
export function createTodoApp(store: TodoStore): Express {
  const app = express();
  app.use(express.json());
  app.get('/todos', (_req, res) => {
    res.json(store.list());
  });
  app.post('/todos', (req, res) => {
    const title: unknown = req.body?.title;
    if (typeof title !== 'string' || title === '') {
      res.status(400).json({ error: 'title must be a non-empty string' });
      return;
    }
    res.status(201).json(store.add(title));
  });
  return app;
}

export const todoAppProvider = { provide: TODO_APP, useFactory: createTodoApp, inject: [TodoStore] };
