//! The browser entry point, built by Trunk.

fn main() {
    backprop_lab::app::start();
}
