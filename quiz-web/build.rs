//! Links the wasm build with its relocations kept, so `wasm-split-cli` can cut it into the app
//! shell and the lazily loaded page chunks (see src/lazy.rs and scripts/build-web.sh). Only this
//! crate's own cdylib is linked this way: the embed's wasm and every dependency are unchanged.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32") {
        println!("cargo:rustc-link-arg-cdylib=--emit-relocs");
    }
}
