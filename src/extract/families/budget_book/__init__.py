"""Japanese municipal budget books (予算書): 第1条, 第1表 歳入歳出予算 and the 事項別明細書
(款 → 項 → 目 → 節), read from the page layout and proven by the statutory identities."""
