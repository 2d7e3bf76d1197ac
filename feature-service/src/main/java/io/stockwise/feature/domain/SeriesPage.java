package io.stockwise.feature.domain;

import java.util.List;

/**
 * One page of {@code ListSeries}.
 *
 * @param series the series of the page, ordered by series
 * @param nextPageToken the token of the next page; empty on the last page
 */
public record SeriesPage(List<SeriesSummary> series, String nextPageToken) {
    public SeriesPage {
        series = List.copyOf(series);
    }
}
