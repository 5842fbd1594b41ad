// A task for the fixture's worker thread.
exports.double = (n) => n * 2;
