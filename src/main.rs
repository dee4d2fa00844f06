//! The `vnla-graph` binary: everything happens in [`vnla_graph::run`].

fn main() {
    std::process::exit(vnla_graph::run(std::env::args_os()));
}
