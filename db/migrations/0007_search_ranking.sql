-- Search ranks the words typed with their tones first (src/domain/gallery/search.ts). Folding the
-- title and summary of every match per query made a common word cost seconds over 100,000 items;
-- the domain now stores them folded on every save (text.ts searchColumns). Items saved before are
-- filled here with the SQL the ranking used until now; their next save rewrites them.
ALTER TABLE "gallery_items" ADD COLUMN "title_toned" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "gallery_items" ADD COLUMN "summary_toned" text DEFAULT '' NOT NULL;--> statement-breakpoint
UPDATE "gallery_items" SET
	"title_toned" = ' ' || btrim(regexp_replace(lower(translate("title", 'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ', 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ')), '[[:space:][:punct:]“”‘’«»…–—·•]+', ' ', 'g')) || ' ',
	"summary_toned" = ' ' || btrim(regexp_replace(lower(translate(regexp_replace("summary_html", '<[^>]*>', ' ', 'g'), 'AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬEÈÉẺẼẸÊỀẾỂỄỆIÌÍỈĨỊOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢUÙÚỦŨỤƯỪỨỬỮỰYỲÝỶỸỴĐ', 'aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ')), '[[:space:][:punct:]“”‘’«»…–—·•]+', ' ', 'g')) || ' ';
