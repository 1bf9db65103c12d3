// imlit — umbrella header: everything an app needs.
#pragma once
#include "imlit/app.hpp"           // imlit::run, AppOptions
#include "imlit/cache.hpp"         // cache_resource, cache_data, Cached<T>
#include "imlit/column_format.hpp" // ColumnOptions, format_cell
#include "imlit/csv.hpp"           // read_csv, parse_csv
#include "imlit/data_table.hpp"    // table(label, DataFrame): sortable, selectable
#include "imlit/dataframe.hpp"     // DataFrame, Column
#include "imlit/files.hpp"         // file_input, save_button
#include "imlit/hash.hpp"          // Hasher, hash_append, unhashed, keyed
#include "imlit/state.hpp"         // set_widget, session_state
#include "imlit/table_sort.hpp"    // sort_rows
#include "imlit/ui.hpp"            // elements, widgets, containers, request_redraw
