fn main() {
    println!("ballast {}", env!("CARGO_PKG_VERSION"));
}
