// read_csv / parse_csv: RFC 4180 quoting, type inference, missing values, options, BOM and
// CRLF, and errors that name the file, line and column for every malformed case.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

#include <unistd.h>

#include "imlit/csv.hpp"

using imlit::CsvOptions;
using imlit::DataFrame;
using imlit::DataType;

namespace {

DataFrame parse(std::string_view text, const CsvOptions& o = {}) {
    return imlit::parse_csv(text, o, "test.csv");
}

std::string error_of(std::string_view text, const CsvOptions& o = {}) {
    try {
        (void)parse(text, o);
    } catch (const std::runtime_error& e) {
        return e.what();
    }
    return "(no error)";
}

std::string_view str(const DataFrame& df, std::string_view col, std::size_t row) {
    return df.column(col).string_values()[row];
}

// A file under the system's temp directory, removed at the end of the test.
struct TempFile {
    std::filesystem::path path;
    explicit TempFile(std::string_view contents) {
        static int counter = 0;
        path = std::filesystem::temp_directory_path() /
               ("imlit_csv_test_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) +
                ".csv");
        std::ofstream(path, std::ios::binary) << contents;
    }
    ~TempFile() { std::filesystem::remove(path); }
};

} // namespace

TEST_CASE("csv: infers int64, float64, bool and string columns", "[csv]") {
    const DataFrame df = parse("id,price,ok,name,mixed\n"
                               "85248,9.5,true,bolt,1\n"
                               "85249,-1e3,FALSE,nut,2.5\n"
                               "+7, 12 ,True,\"washer\",3\n");
    REQUIRE(df.rows() == 3);
    REQUIRE(df.columns() == 5);
    CHECK(df.column("id").type() == DataType::int64);
    CHECK(df.column("id").int64_values()[0] == 85248);
    CHECK(df.column("id").int64_values()[2] == 7);
    CHECK(df.column("price").type() == DataType::float64);
    CHECK(df.column("price").float64_values()[1] == -1000.0);
    CHECK(df.column("price").float64_values()[2] == 12.0);
    CHECK(df.column("ok").type() == DataType::boolean);
    CHECK(df.column("ok").bool_values()[1] == 0);
    CHECK(df.column("ok").bool_values()[2] == 1);
    CHECK(df.column("name").type() == DataType::string);
    CHECK(str(df, "name", 2) == "washer");
    CHECK(df.column("mixed").type() == DataType::float64); // int64 promoted on 2.5
    CHECK(df.column("mixed").float64_values()[0] == 1.0);
    CHECK(df.column("mixed").float64_values()[2] == 3.0);

    const DataFrame big = parse("n\n9223372036854775807\n9223372036854775808\n");
    CHECK(big.column("n").type() == DataType::float64); // beyond int64: a double
    const DataFrame special = parse("x\ninf\n-Infinity\nnan\n1e400\n");
    CHECK(special.column("x").type() == DataType::float64);
    CHECK(std::isinf(special.column("x").float64_values()[3]));
    CHECK(std::isnan(special.column("x").float64_values()[2]));
    const DataFrame no_bool = parse("b\ntrue\nfalse\n", {.infer_bool = false});
    CHECK(no_bool.column("b").type() == DataType::string);
}

TEST_CASE("csv: a column that turns to text keeps every field's exact text", "[csv]") {
    // The first rows look numeric/bool; later ones are text: the column is read again as text.
    const DataFrame df = parse("code,flag,later\n"
                               "007,true,1.50\n"
                               "1e3,false,\n"
                               "A12,maybe,x\n");
    CHECK(df.column("code").type() == DataType::string);
    CHECK(str(df, "code", 0) == "007");
    CHECK(str(df, "code", 1) == "1e3");
    CHECK(str(df, "code", 2) == "A12");
    CHECK(df.column("flag").type() == DataType::string);
    CHECK(str(df, "flag", 0) == "true");
    CHECK(df.column("later").type() == DataType::string);
    CHECK(str(df, "later", 0) == "1.50");
    CHECK(df.column("later").is_missing(1));
    CHECK(str(df, "later", 2) == "x");
}

TEST_CASE("csv: missing values: empty fields, missing_values, quoted empty strings", "[csv]") {
    const DataFrame df = parse("a,b,c,d,e\n"
                               "1,,\"\",x,\n"
                               ",2.5,y,NA,\n"
                               "3,  ,z,\"\",\n",
                               {.missing_values = {"NA"}});
    CHECK(df.column("a").type() == DataType::int64);
    CHECK(df.column("a").is_missing(1));
    CHECK(df.column("a").int64_values()[2] == 3);
    CHECK(df.column("b").type() == DataType::float64);
    CHECK(df.column("b").is_missing(0));
    CHECK(df.column("b").is_missing(2)); // only spaces: empty once trimmed
    // Leading "" then text: "" is an empty string, not missing.
    CHECK(df.column("c").type() == DataType::string);
    CHECK_FALSE(df.column("c").is_missing(0));
    CHECK(str(df, "c", 0).empty());
    CHECK(df.column("d").type() == DataType::string);
    CHECK(df.column("d").is_missing(1)); // "NA"
    CHECK_FALSE(df.column("d").is_missing(2));
    // No value at all: a string column of missing values.
    CHECK(df.column("e").type() == DataType::string);
    CHECK(df.column("e").missing_count() == 3);

    const DataFrame quoted_num = parse("n\n\"\"\n5\n");
    CHECK(quoted_num.column("n").type() == DataType::int64); // "" in a number column: missing
    CHECK(quoted_num.column("n").is_missing(0));
}

TEST_CASE("csv: RFC 4180 quoting: delimiters, doubled quotes and line breaks in fields", "[csv]") {
    const DataFrame df = parse("name,note\n"
                               "\"Smith, J\",\"said \"\"hi\"\"\"\n"
                               "\"multi\nline\",\"a\r\nb\"\n"
                               "plain,\"\"\n");
    REQUIRE(df.rows() == 3);
    CHECK(str(df, "name", 0) == "Smith, J");
    CHECK(str(df, "note", 0) == "said \"hi\"");
    CHECK(str(df, "name", 1) == "multi\nline");
    CHECK(str(df, "note", 1) == "a\r\nb");
    CHECK(str(df, "note", 2).empty());
}

TEST_CASE("csv: delimiter and quote options, trimming, header off, names", "[csv]") {
    const DataFrame semi = parse("a;b\n1,5;'x;y'\n", {.delimiter = ';', .quote = '\''});
    CHECK(str(semi, "a", 0) == "1,5");
    CHECK(str(semi, "b", 0) == "x;y");
    const DataFrame tabs = parse("a\tb\n1\t\n", {.delimiter = '\t'});
    CHECK(tabs.column("a").int64_values()[0] == 1);
    CHECK(tabs.column("b").is_missing(0));

    const DataFrame trimmed = parse("s\n  padded  \n");
    CHECK(str(trimmed, "s", 0) == "padded");
    const DataFrame kept = parse("s,n\n  padded  , 12 \n", {.trim_spaces = false});
    CHECK(str(kept, "s", 0) == "  padded  ");
    CHECK(kept.column("n").int64_values()[0] == 12); // numbers ignore spaces around them

    const DataFrame no_header = parse("1,x\n2,y\n", {.header = false});
    CHECK(no_header.rows() == 2);
    CHECK(no_header.column("column_1").int64_values()[1] == 2);
    CHECK(str(no_header, "column_2", 0) == "x");

    const DataFrame names = parse("a,,a,a.1,a\n1,2,3,4,5\n");
    std::vector<std::string> got;
    for (const auto& c : names)
        got.push_back(c.name());
    CHECK(got == std::vector<std::string>{"a", "column_2", "a.1", "a.1.1", "a.2"});

    const DataFrame first_two = parse("n\n1\n2\n3\n4\n", {.max_rows = 2});
    CHECK(first_two.rows() == 2);

    CHECK_THROWS_AS(parse("a\n1\n", {.delimiter = '"'}), std::invalid_argument);
    CHECK_THROWS_AS(parse("a\n1\n", {.delimiter = '\n'}), std::invalid_argument);
}

TEST_CASE("csv: BOM, CRLF, CR, blank lines, no final line break, empty input", "[csv]") {
    const DataFrame bom = parse("\xEF\xBB\xBFid,v\r\n1,a\r\n\r\n2,b");
    REQUIRE(bom.rows() == 2);
    CHECK(bom.column(0).name() == "id");
    CHECK(bom.column("id").int64_values()[1] == 2);
    CHECK(str(bom, "v", 1) == "b");
    const DataFrame cr = parse("a,b\r1,2\r3,4\r");
    CHECK(cr.rows() == 2);
    CHECK(cr.column("b").int64_values()[1] == 4);
    CHECK(parse("").columns() == 0);
    CHECK(parse("\xEF\xBB\xBF").columns() == 0);
    const DataFrame header_only = parse("a,b\n");
    CHECK(header_only.columns() == 2);
    CHECK(header_only.rows() == 0);
}

TEST_CASE("csv: every malformed input names the file, line and column", "[csv]") {
    // Unterminated quote: at its opening quote, also when it starts on a continued line.
    CHECK(error_of("a,b\n1,\"open\n2,3\n") ==
          "read_csv: test.csv: line 2, column 3: a quoted field is not closed: no \" ends it "
          "before the end of the file");
    CHECK(error_of("a,b,c\n\"x\ny\",  \"open") ==
          "read_csv: test.csv: line 3, column 6: a quoted field is not closed: no \" ends it "
          "before the end of the file");
    CHECK(error_of("a,b\n1,2\n\"multi\nline\",\"unclosed\nmore\n")
              .starts_with("read_csv: test.csv: line 4, column 7: a quoted field is not closed"));
    // A quote inside an unquoted field, and text after a closing quote.
    CHECK(error_of("a,b\n1,2\n3,ab\"c\n") ==
          "read_csv: test.csv: line 3, column 5: a quote character (\") inside an unquoted "
          "field; quote the whole field and write the quote twice");
    CHECK(error_of("a,b\n\"ab\"c,1\n") ==
          "read_csv: test.csv: line 2, column 5: unexpected text after a closing quote (a \" "
          "inside a quoted field is written twice)");
    // Ragged records: too many fields (at the first extra one), too few (at the record's end).
    CHECK(error_of("a,b\n1,2\n3,4,5\n") ==
          "read_csv: test.csv: line 3, column 5: a record with more than 2 fields (the header "
          "has 2); quote fields that contain ','");
    CHECK(error_of("a,b\n1,2\n3\n") ==
          "read_csv: test.csv: line 3, column 2: a record with 1 field where the header has 2");
    CHECK(error_of("a,b,c\r\n1,2,3\r\n4,5\r\n")
              .starts_with("read_csv: test.csv: line 3, column 4: a record with 2 fields"));
    // The extra field is quoted and spans lines: reported where it begins.
    CHECK(
        error_of("a,b\n\"x\ny\",2,\"extra\nfield\"\n")
            .starts_with("read_csv: test.csv: line 3, column 6: a record with more than 2 fields"));
    CHECK(error_of("1,2\n3\n", {.header = false}) ==
          "read_csv: test.csv: line 2, column 2: a record with 1 field where the first record "
          "has 2");
    // With a BOM, columns count from after it.
    CHECK(error_of("\xEF\xBB\xBF"
                   "a,b\n1,2,3\n")
              .starts_with("read_csv: test.csv: line 2, column 5"));
}

TEST_CASE("csv: read_csv streams files; errors name the path", "[csv]") {
    const std::filesystem::path missing =
        std::filesystem::temp_directory_path() / "imlit_no_such_file.csv";
    CHECK_THROWS_WITH(imlit::read_csv(missing), "read_csv: '" + missing.string() +
                                                    "': cannot open: No such file or directory");
    CHECK_THROWS_WITH(imlit::read_csv(std::filesystem::temp_directory_path()),
                      Catch::Contains("read failed at byte 0: Is a directory"));

    // Over 3 MiB (several read chunks), with quoted line breaks and doubled quotes crossing
    // chunk boundaries, a column that turns to text at the end (second pass over the file),
    // and everything checked against the values written.
    std::mt19937 rng(42);
    std::string text = "id,label,value,tag\n";
    const std::size_t rows = 100000;
    std::vector<std::string> labels(rows);
    for (std::size_t i = 0; i < rows; ++i) {
        labels[i] = "row " + std::to_string(i) + (rng() % 3 == 0 ? ",\"q\"\nnext" : "");
        std::string quoted;
        for (char c : labels[i])
            quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
        text += std::to_string(i) + ",\"" + quoted + "\"," + std::to_string(double(i) / 4) + "," +
                (i + 1 == rows ? "text" : std::to_string(i % 10)) + "\n";
    }
    REQUIRE(text.size() > 3 * (std::size_t(1) << 20));
    TempFile file(text);
    const DataFrame df = imlit::read_csv(file.path);
    REQUIRE(df.rows() == rows);
    CHECK(df.column("id").type() == DataType::int64);
    CHECK(df.column("value").type() == DataType::float64);
    CHECK(df.column("tag").type() == DataType::string);
    bool all_equal = true;
    for (std::size_t i = 0; i < rows && all_equal; ++i)
        all_equal = df.column("id").int64_values()[i] == std::int64_t(i) &&
                    str(df, "label", i) == labels[i] &&
                    df.column("value").float64_values()[i] == double(i) / 4 &&
                    str(df, "tag", i) == (i + 1 == rows ? "text" : std::to_string(i % 10));
    CHECK(all_equal);
    CHECK(df == imlit::parse_csv(text)); // the same from memory

    // An error far into the file: the line counts every line feed (quoted ones too).
    std::size_t lines = std::count(text.begin(), text.end(), '\n');
    TempFile bad(text + "1,2,3\n");
    CHECK_THROWS_WITH(imlit::read_csv(bad.path),
                      "read_csv: '" + bad.path.string() + "': line " + std::to_string(lines + 1) +
                          ", column 6: a record with 3 fields where the header has 4");
}

TEST_CASE("csv: arbitrary bytes give a table or a runtime_error, never a crash", "[csv]") {
    std::mt19937 rng(1);
    const char alphabet[] = {'a', '1', ',', '"', '\n', '\r', ' ', '.', '-', 'e', '\0', '\xEF'};
    int tables = 0, errors = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text(rng() % 40, ' ');
        for (char& c : text)
            c = alphabet[rng() % sizeof alphabet];
        try {
            const DataFrame df = parse(text, {.header = round % 2 == 0});
            for (const auto& c : df)
                REQUIRE(c.size() == df.rows());
            ++tables;
        } catch (const std::runtime_error& e) {
            REQUIRE(std::string(e.what()).starts_with("read_csv: test.csv: line "));
            ++errors;
        }
    }
    CHECK(tables > 100);
    CHECK(errors > 100);
}
