-- A migration that SQLite rejects, for the tests of unavailable databases.
CREATE TABLE todos (id TEXT PRIMARY KEY,, title TEXT NOT NULL);
