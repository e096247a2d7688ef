-- Gallery search ignores Vietnamese diacritics (unaccent) and tolerates small typos (pg_trgm).
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
