// data_explorer — a CSV file as metrics, a chart and a sortable table, filtered from the
// sidebar, with the filtered rows saved as CSV. The page is a library so that AppTest runs it.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

#include <imlit/imlit.hpp>

namespace data_explorer {

struct PageOptions {
    std::string path; // the CSV file shown first (the file field can change it)
};

// The page (call it from the frame function).
void page(const PageOptions& options);

// [sample.cpp] A sales-like sample: order_id, date, region, product, units, price, revenue,
// discount (missing in about 1 row in 12), returned. Deterministic for a seed.
void write_sample_csv(std::ostream& out, std::size_t rows, unsigned seed = 7);
// Writes the sample to `path` (atomically) unless a file of that name exists already.
void ensure_sample_file(const std::string& path, std::size_t rows);
// Where the sample lives: $XDG_CACHE_HOME/imlit (else ~/.cache/imlit, else the temp directory)
// /data_explorer_sample_<rows>.csv.
std::string sample_path(std::size_t rows);

// [page.cpp] `frame` as CSV (RFC 4180: fields with a comma, quote or line break are quoted;
// missing values are empty fields).
void write_csv(std::ostream& out, const imlit::DataFrame& frame);

} // namespace data_explorer
