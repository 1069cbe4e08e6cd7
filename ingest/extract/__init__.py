"""Extractors: functions `(ParsedDoc, BatchBuilder) -> None`, one module per kind of fact."""
