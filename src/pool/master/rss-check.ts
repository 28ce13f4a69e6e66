/** How often a master reads each worker's RSS for reload-on-rss, wall ms (uWSGI checks once per master cycle, about a second). */
export const RSS_CHECK_MS = 200;
