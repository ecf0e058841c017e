"""Turns domain data into documents: PDFs, charts, CSV/XLSX and IATI XML."""
