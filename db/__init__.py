"""shiftcell's SQLite store: schema, migrations, store API, importers, demo data."""
