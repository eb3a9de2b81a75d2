"""The yearly cycle of the personal information protection management system (PMS, JIS Q 15001)."""
