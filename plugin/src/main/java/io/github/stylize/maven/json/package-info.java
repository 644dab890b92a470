/**
 * JSON for every file the plugin writes and reads (asset metadata, report records, output manifests, cache entries and
 * remote cache objects), through one Jackson mapper with the limits a damaged or hostile file needs.
 */
package io.github.stylize.maven.json;
