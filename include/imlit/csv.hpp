// imlit — reading CSV files into a DataFrame (parsing by libcsv, Debian's libcsv-dev).
//
//   imlit::DataFrame sales = imlit::read_csv("sales.csv");
//   imlit::DataFrame europe = imlit::read_csv("eu.csv", {.delimiter = ';'});
//
// Format: RFC 4180. Fields are separated by `delimiter`; a field may be enclosed in `quote`
// characters and then holds delimiters, line breaks and doubled quotes ("" is one "). Records
// end at LF, CRLF or CR; blank lines are skipped; a UTF-8 byte order mark at the start is
// ignored. Every record must have as many fields as the first (the header); the last record
// may lack its line break.
//
// Types are inferred per column from all of its values: int64 when every value is an integer
// (an optional sign, then digits, within int64's range), else float64 when every value is a
// number (decimal or scientific notation, "inf", "nan"), else bool when `infer_bool` is set and
// every value is true or false (in any letter case), else string. Spaces around a number are
// ignored. A column with no values at all is a string column of missing values.
//
// Missing values: an empty field (nothing between the delimiters, or only spaces when
// trim_spaces is set) and any field whose text is in `missing_values`. In a string column, the
// quoted empty field "" is the empty string, not missing; in other columns it is missing too.
//
// Errors: std::runtime_error whose message names the file and, for a malformed file, the line
// and column (1-based; lines count line feeds, columns count bytes): a file that cannot be
// opened or read, an unterminated quoted field (at its opening quote), a quote inside an
// unquoted field or text after a closing quote, and a record with more or fewer fields than
// the header. A bad option throws std::invalid_argument.
//
// Memory: the file is read in chunks and parsed as it streams, so reading needs little more
// than the resulting table. A column that turns out to be text after numbers (or after
// true/false) is read again from the file for its exact text (two passes over the file only
// in that case).
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "imlit/dataframe.hpp"

namespace imlit {

// Options of read_csv and parse_csv. Declared in this order so designated initializers work:
// {.header = false, .delimiter = '\t'}.
struct CsvOptions {
    bool header = true;      // the first record names the columns; false: column_1, column_2, ...
    char delimiter = ',';    // field separator; not the quote character, CR or LF
    char quote = '"';        // quote character; not the delimiter, CR or LF
    bool trim_spaces = true; // drop spaces and tabs around unquoted fields; false: keep them
                             // (strict RFC 4180; slower: libcsv then calls out per byte)
    bool infer_bool = true;  // columns of only true/false become bool; false: they stay strings
    // Field texts that are missing values in addition to the empty field, e.g. {"NA", "null"}.
    std::vector<std::string> missing_values = {};
    std::size_t max_rows = 0; // 0: every record; else stop after this many data records
};

// Reads the CSV file at `path` (see the rules at the top of this file). Header names that are
// empty become column_N (N: 1-based position); a repeated name gets ".1", ".2", ... appended.
DataFrame read_csv(const std::filesystem::path& path, const CsvOptions& options = {});

// The same rules applied to CSV text in memory; `source_name` stands for the file in error
// messages. Any byte sequence gives either a DataFrame or std::runtime_error (or
// std::invalid_argument for bad options): a fuzzing entry point.
DataFrame parse_csv(std::string_view text, const CsvOptions& options = {},
                    std::string_view source_name = "<text>");

} // namespace imlit
