"""Names vulture cannot see used: read by a library through reflection, or used by tests only.

`make lint` runs ``vulture src vulture_whitelist.py``. Regenerate a section with
``vulture src --make-whitelist`` and keep only what is used dynamically.
"""

# pandera models (extract.models): columns, named dataframe checks and Config settings are read
# from the class by pandera, never by name in our code.

Config
funding_bonds
funding_general
funding_national_prefectural
funding_other
verified
total_id
check_id
bond_id
debt_id
note_id
glyph_id
parent_id
part_of_another_row
parts_listed
account_en
account_ja
amounts_are_held
bbox_all_or_none
bbox_ordered
budget_phase
budget_stages_have_a_year
case_id
cases_line
class_en
cls
coerce
country_en
every_figure_accounted
held_by_row
instrument_en
instrument_ja
item_en
measure_id
mineral_en
one_row_per_element
one_row_per_measure
one_row_per_place
parent_en
phase_of_stage
project_en
project_id
reduction_line
reduction_page
restates_another_row
round_only_on_supplementary
source_text
statements_hold_their_percent
strict
target_id
unique
unknown_rows_are_empty

# fontTools' subsetter options (extract.publish.fonts): set as attributes, read by the subsetter.
_.layout_features
_.name_IDs
_.notdef_outline
_.hinting
_.desubroutinize
_.recalcTimestamp

# openpyxl cell and sheet settings (extract.publish.write): set as attributes, read when saving.
_.freeze_panes
_.ref
_.number_format
_.alignment

# Public API used by the tests and the README's generator, not by the pipeline itself:
markdown_columns  # extract.publish.about: the README's column tables (tests/test_readme.py --write)
label_layout  # extract.publish.debug_images: where draw_figures puts labels (tests/test_pdf_pipeline.py)
CHAR_KEYS  # extract.read.pdf: the keys of page_chars, the contract tests/test_pdf.py holds it to

# extract.layout.Table: where its header stands, for a caller that draws or debugs a table.
header_top
header_bottom
