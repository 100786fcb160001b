"""The case store: SQLAlchemy models, repositories and a unit of work. SQLite by default, any
database through DATABASE_URL; the schema is owned by the Alembic migrations beside this file."""
