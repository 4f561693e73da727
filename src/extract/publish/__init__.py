"""Publish stage: tables -> CSV, Parquet, workbook, data package, report, manifest, in one atomic swap."""
