"""Retention (保存期間): clocks that start at acquisition, last use or an event; legal holds; the disposal sweep."""
