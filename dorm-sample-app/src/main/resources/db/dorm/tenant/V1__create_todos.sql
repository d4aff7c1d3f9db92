CREATE TABLE todos (id TEXT PRIMARY KEY, title TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);

-- Serves the list route, which orders by created_at, id.
CREATE INDEX todos_created_at_id ON todos (created_at, id);
