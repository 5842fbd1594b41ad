import { inject, injectable } from 'inversify';
import { HealthCheck, LOGGER, OnStart, OnStop, type Logger } from 'keel';

export interface Todo {
  id: number;
  title: string;
}

/** Stands in for a database: opened before the server listens, closed after it has drained. */
@injectable()
export class TodoStore {
  private todos: Map<number, Todo> | undefined;
  private nextId = 1;

  constructor(@inject(LOGGER) private readonly log: Logger) {}

  @OnStart()
  open(): void {
    this.todos = new Map();
    this.log.info('todo store open');
  }

  @OnStop()
  close(): void {
    this.todos = undefined;
    this.log.info('todo store closed');
  }

  /** /readyz lists it as TodoStore.ping. */
  @HealthCheck({ timeout: 200 })
  ping(): void {
    this.store();
  }

  list(): Todo[] {
    return [...this.store().values()];
  }

  add(title: string): Todo {
    const todo = { id: this.nextId++, title };
    this.store().set(todo.id, todo);
    return todo;
  }

  private store(): Map<number, Todo> {
    if (!this.todos) throw new Error('TodoStore is closed');
    return this.todos;
  }
}
