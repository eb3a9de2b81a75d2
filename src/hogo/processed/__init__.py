"""Statistics, pseudonymised and anonymised information (仮名加工情報・匿名加工情報, APPI Arts. 41-46): the
k-anonymity engine, Japanese generalisation hierarchies and the law's processing standards around them."""
