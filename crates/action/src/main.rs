//! The `ballast` command line. Everything lives in the library so that tests and the GitHub
//! integration can drive it; this file only hands over the process's arguments.

fn main() -> std::process::ExitCode {
    ballast_cli::main()
}
