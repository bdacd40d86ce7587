; Paths rooted at the `std` crate: `use std::..`, `use std::{..}`, `std::process::exit(..)`,
; `std::vec::Vec<u8>`, `extern crate std`. Code that names std is built for the host with std's
; allocator (scripts/, rust/macros, ...), not for the kernel; server/src/analysis/uses-std.ts
; leaves out the hits under a #[cfg(..)] item (pin-init's `#[cfg(feature = "std")]`).
(scoped_identifier path: (identifier) @std.root (#eq? @std.root "std"))
(scoped_type_identifier path: (identifier) @std.root (#eq? @std.root "std"))
(scoped_use_list path: (identifier) @std.root (#eq? @std.root "std"))
(use_declaration argument: (identifier) @std.root (#eq? @std.root "std"))
(extern_crate_declaration name: (identifier) @std.root (#eq? @std.root "std"))
