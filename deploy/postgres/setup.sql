-- The relay's database on Debian's postgresql, for several instances (one instance needs none:
-- its SQLite file is the default). As the postgres user:
--   sudo -u postgres psql -v password="'$(openssl rand -hex 24)'" -f deploy/postgres/setup.sql
-- and set DATABASE_URL=postgres://intilery_connect:PASSWORD@127.0.0.1:5432/intilery_connect
-- The relay creates and migrates its tables itself at start (one instance at a time, behind
-- Kysely's migration lock); it needs no other rights.
CREATE ROLE intilery_connect LOGIN PASSWORD :password;
CREATE DATABASE intilery_connect OWNER intilery_connect ENCODING 'UTF8';
REVOKE ALL ON DATABASE intilery_connect FROM PUBLIC;
