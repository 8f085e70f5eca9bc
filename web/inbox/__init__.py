"""The operators' inbox: tabs, filters, sort, paging, saved filters."""
