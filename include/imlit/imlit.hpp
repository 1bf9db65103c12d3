// imlit — umbrella header: everything an app needs.
#pragma once
#include "imlit/app.hpp"   // imlit::run, AppOptions
#include "imlit/cache.hpp" // cache_resource, cache_data, Cached<T>
#include "imlit/hash.hpp"  // Hasher, hash_append, unhashed, keyed
#include "imlit/state.hpp" // set_widget, session_state
#include "imlit/ui.hpp"    // elements, widgets, containers, request_redraw
