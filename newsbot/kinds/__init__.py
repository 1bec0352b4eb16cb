"""Pure parts of each spider kind: turning fetched documents into Articles, without Scrapy."""
