//! Redrawing every neuron's map over the plane for new weights allocates nothing: the network view
//! does it every frame while training. Counted by a global allocator wrapper around the system one
//! (one test in this binary, so no other test's allocations are counted).

use backprop_lab::app::draw::thumbnails::Thumbnails;
use backprop_lab::core::{Activation, Feature, Init, Network, Rng};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed straight to the system allocator; only a counter is added.
#[allow(
    unsafe_code,
    reason = "a GlobalAlloc impl is unsafe by definition; it only forwards to System"
)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn redrawing_the_maps_allocates_nothing() {
    let probe = ALLOCATIONS.load(Ordering::SeqCst);
    drop(std::hint::black_box(vec![0u8; 16]));
    assert!(
        ALLOCATIONS.load(Ordering::SeqCst) > probe,
        "the counter sees allocations"
    );
    let acts = [Activation::Tanh, Activation::Relu, Activation::Sigmoid];
    let mut network = Network::new(&[3, 16, 8, 1], &acts, Init::Xavier, &mut Rng::new(4)).unwrap();
    let mut maps = Thumbnails::new(&network, &[Feature::X1, Feature::X2, Feature::X1X2]);
    maps.draw(&network).unwrap(); // the first drawing sizes the scratch map
    let first = maps.pixels().to_vec();
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    for k in 0..20 {
        network.weights_mut()[k] += 0.5;
        maps.draw(&network).unwrap();
    }
    let allocated = ALLOCATIONS.load(Ordering::SeqCst) - before;
    assert_eq!(allocated, 0, "{allocated} allocations in 20 redraws");
    assert_ne!(maps.pixels(), &first[..], "the new weights were drawn");
}
