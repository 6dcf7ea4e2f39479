"""`planforge serve`: a local web page to edit plans in a form beside their official page."""
