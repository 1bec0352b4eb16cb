"""newsbot: news scraper and ingestion pipeline."""
