//! The loops that run every frame allocate nothing: a training step, and the redraw of every
//! neuron's map over the plane. Counted by a global allocator wrapper around the system one, per
//! thread, so that what the test harness's own threads allocate meanwhile is not counted.

use backprop_lab::app::draw::field::Field;
use backprop_lab::app::draw::network::{Layout as NetworkLayout, WIDTH};
use backprop_lab::app::draw::thumbnails::Thumbnails;
use backprop_lab::core::{
    Activation, Dataset, Feature, Init, Loss, Network, OptimizerKind, Regularization, Rng, Trainer,
};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    // A const initialiser and no destructor: reading it never allocates, inside the allocator too.
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

/// Allocations made so far by this thread.
fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

fn count_one() {
    ALLOCATIONS.with(|n| n.set(n.get() + 1));
}

// SAFETY: every call is passed straight to the system allocator; only a counter is added.
#[allow(
    unsafe_code,
    reason = "a GlobalAlloc impl is unsafe by definition; it only forwards to System"
)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count_one();
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count_one();
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn the_loops_run_every_frame_allocate_nothing() {
    let probe = allocations();
    drop(std::hint::black_box(vec![0u8; 16]));
    assert!(allocations() > probe, "the counter sees allocations");
    a_training_step_allocates_nothing();
    redrawing_the_neurons_maps_allocates_nothing();
    refreshing_the_output_field_allocates_nothing();
}

fn a_training_step_allocates_nothing() {
    let mut rng = Rng::new(1);
    let data = Dataset::circle(250, 0.1, &mut rng);
    let acts = [Activation::Tanh, Activation::Relu, Activation::Sigmoid];
    let net = Network::new(&[2, 8, 8, 1], &acts, Init::He, &mut rng).unwrap();
    for kind in OptimizerKind::ALL {
        let mut trainer = Trainer::new(net.clone(), Loss::CrossEntropy, 0.01, 10, Rng::new(2)).unwrap();
        trainer.set_optimizer(kind);
        trainer.set_regularization(Regularization::L2, 0.001).unwrap();
        trainer.step(&data); // the first step builds the epoch order
        let before = allocations();
        for _ in 0..200 {
            trainer.step(&data);
        }
        let cost = trainer.cost(&data);
        let allocated = allocations() - before;
        assert_eq!(
            allocated, 0,
            "{kind:?}: {allocated} allocations in 200 steps and a cost"
        );
        assert!(cost.is_finite());
    }
}

fn redrawing_the_neurons_maps_allocates_nothing() {
    let acts = [Activation::Tanh, Activation::Relu, Activation::Sigmoid];
    let mut network = Network::new(&[3, 16, 8, 1], &acts, Init::Xavier, &mut Rng::new(4)).unwrap();
    let layout = NetworkLayout::new(network.sizes(), WIDTH);
    let mut maps = Thumbnails::new(&network, &[Feature::X1, Feature::X2, Feature::X1X2], &layout);
    maps.draw(&network).unwrap(); // the first drawing sizes the scratch map
    let first = maps.pixels().to_vec();
    let before = allocations();
    for k in 0..20 {
        network.weights_mut()[k] += 0.5;
        maps.draw(&network).unwrap();
    }
    let allocated = allocations() - before;
    assert_eq!(allocated, 0, "{allocated} allocations in 20 redraws");
    assert_ne!(maps.pixels(), &first[..], "the new weights were drawn");
}

fn refreshing_the_output_field_allocates_nothing() {
    let acts = [Activation::Tanh, Activation::Tanh, Activation::Sigmoid];
    let mut network = Network::new(&[2, 16, 16, 1], &acts, Init::Xavier, &mut Rng::new(5)).unwrap();
    let mut field = Field::new(&network, 100);
    let before = allocations();
    for k in 0..10 {
        network.weights_mut()[k] -= 0.25;
        field.compute(&network).unwrap();
        field.compute_cells(&network, 1000 * k..1000 * k + 1024).unwrap();
    }
    let allocated = allocations() - before;
    assert_eq!(allocated, 0, "{allocated} allocations in 10 refreshes");
}
