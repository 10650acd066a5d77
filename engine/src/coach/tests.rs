//! The coach's rules on costs fed to it, and its counts on networks built by hand.

use super::*;

/// Feeds one cost for each epoch from `first` on, measured twice an epoch as a learner's
/// Steps would, with no test set; what the coach said, if anything.
fn fed(coach: &mut Coach, first: usize, costs: &[f64]) -> Option<Symptom> {
    let both: Vec<(f64, f64)> = costs.iter().map(|&c| (c, f64::NAN)).collect();
    fed_from(coach, first, &both)
}

/// As [`fed`], with a test cost beside each training cost.
fn fed_from(coach: &mut Coach, first: usize, costs: &[(f64, f64)]) -> Option<Symptom> {
    let mut said = None;
    for (e, &(train, test)) in costs.iter().enumerate() {
        for part in [0.25, 0.75] {
            if let Some(s) = coach.observe((first + e) as f64 + part, train, test) {
                assert!(said.is_none(), "the coach speaks once");
                said = Some(s);
            }
        }
    }
    said
}

#[test]
fn a_cost_that_keeps_falling_says_nothing() {
    let mut coach = Coach::new(0.693);
    // Falling a fifth an epoch: the median of the last five lags well behind the latest cost.
    let costs: Vec<f64> = (0..60).map(|e| 0.69 * 0.8f64.powi(e)).collect();
    assert_eq!(fed(&mut coach, 0, &costs), None);
}

#[test]
fn a_cost_at_guessing_for_ten_epochs_is_a_stall_once_judged() {
    let mut coach = Coach::new(0.693);
    // Nine epochs judged are not enough; the tenth (judged when the eleventh begins) is.
    assert_eq!(fed(&mut coach, 0, &[0.694; 10]), None);
    assert_eq!(
        coach.observe(10.5, 0.694, f64::NAN),
        Some(Symptom::Stalled { guess: 0.693 })
    );
    assert_eq!(coach.observe(11.5, 0.694, f64::NAN), None, "said once");
    coach.restart();
    assert_eq!(
        fed(&mut coach, 0, &[0.694; 11]),
        Some(Symptom::Stalled { guess: 0.693 })
    );
}

#[test]
fn a_slow_but_steady_fall_near_guessing_is_not_a_stall() {
    let mut coach = Coach::new(0.693);
    // 0.002 an epoch: 0.018 over the window, more than 1 % of 0.693.
    let costs: Vec<f64> = (0..15).map(|e| 0.71 - 0.002 * e as f64).collect();
    assert_eq!(fed(&mut coach, 0, &costs), None);
}

#[test]
fn a_cost_clearly_above_the_runs_best_is_worse_but_one_bad_epoch_is_not() {
    let mut coach = Coach::new(0.693);
    let good = [
        0.3, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.5, 0.1, 0.1, 0.1, 0.1, 0.1,
    ];
    assert_eq!(fed(&mut coach, 0, &good), None, "one spike among five epochs");
    // Judged when epoch 19 begins: the last five are 0.1, 0.1, 0.5, 0.6, 0.4.
    let said = fed(&mut coach, 16, &[0.5, 0.6, 0.4, 0.1]);
    assert_eq!(
        said,
        Some(Symptom::Worse { now: 0.4, best: 0.1 }),
        "three bad of the last five"
    );
}

#[test]
fn a_test_cost_rising_while_the_training_cost_falls_is_overfitting() {
    let mut coach = Coach::new(0.693);
    // Training falls all along; the test cost falls to 0.3 at epoch 10, then rises 0.03 an epoch.
    let costs: Vec<(f64, f64)> = (0..40)
        .map(|e| {
            let train = 0.6 * 0.93f64.powi(e);
            let test = if e <= 10 {
                0.6 - 0.03 * e as f64
            } else {
                0.3 + 0.03 * (e - 10) as f64
            };
            (train, test)
        })
        .collect();
    let Some(Symptom::Overfitting { now, best }) = fed_from(&mut coach, 0, &costs) else {
        panic!("overfitting not seen");
    };
    assert!((best - 0.3).abs() < 1e-9, "the best test epoch: {best}");
    assert!(
        now > OVERFIT_RATIO * best && now - best >= OVERFIT_MARGIN * 0.693,
        "{now}"
    );
}

#[test]
fn test_costs_that_fall_or_wobble_or_are_missing_are_not_overfitting() {
    // Both falling.
    let falling: Vec<(f64, f64)> = (0..40)
        .map(|e| (0.6 * 0.93f64.powi(e), 0.65 * 0.95f64.powi(e)))
        .collect();
    assert_eq!(fed_from(&mut Coach::new(0.693), 0, &falling), None);
    // A test cost that wobbles by ±0.02 around 0.3 (a small test set) while training falls.
    let wobbling: Vec<(f64, f64)> = (0..40)
        .map(|e| (0.6 * 0.93f64.powi(e), 0.3 + if e % 2 == 0 { 0.02 } else { -0.02 }))
        .collect();
    assert_eq!(fed_from(&mut Coach::new(0.693), 0, &wobbling), None);
    // A test cost rising while the training cost has stopped falling is not this rule's.
    let flat: Vec<(f64, f64)> = (0..40)
        .map(|e| (0.2, if e <= 10 { 0.3 } else { 0.3 + 0.03 * (e - 10) as f64 }))
        .collect();
    assert_eq!(fed_from(&mut Coach::new(0.693), 0, &flat), None);
    // No test set at all.
    let none: Vec<(f64, f64)> = (0..40).map(|e| (0.6 * 0.93f64.powi(e), f64::NAN)).collect();
    assert_eq!(fed_from(&mut Coach::new(0.693), 0, &none), None);
}

#[test]
fn the_guessing_cost_is_the_best_constant_answers() {
    let mut binary = Dataset::new(2, 1);
    for t in [1.0, 1.0, 1.0, 0.0] {
        binary.push(&[0.0, 0.0], &[t]);
    }
    // A constant a costs −[¾ ln a + ¼ ln(1 − a)], least at a = ¾.
    let at = |a: f64| -(0.75 * f64::ln(a) + 0.25 * f64::ln(1.0 - a));
    let guess = guess_cost(&binary, Loss::CrossEntropy);
    assert!((guess - at(0.75)).abs() < 1e-12 && guess < at(0.7) && guess < at(0.8));
    assert!((guess - 0.562_335_144_618_5).abs() < 1e-12);

    let mut three = Dataset::new(2, 3);
    for t in [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]] {
        three.push(&[0.0, 0.0], &t);
    }
    assert!((guess_cost(&three, Loss::SoftmaxCrossEntropy) - 3f64.ln()).abs() < 1e-12);

    let mut values = Dataset::new(1, 1);
    for t in [1.0, 2.0, 3.0, 6.0] {
        values.push(&[0.0], &[t]);
    }
    // Mean 3, squared deviations 4 + 1 + 0 + 9 = 14: ½ · 14/4.
    assert!((guess_cost(&values, Loss::SquaredError) - 1.75).abs() < 1e-12);
    assert_eq!(guess_cost(&Dataset::new(1, 1), Loss::SquaredError), 0.0);
}

#[test]
fn a_cost_stuck_well_below_guessing_but_high_is_stuck_once_judged() {
    // Down from guessing to 0.45 (0.65 of it) in five epochs, then no further.
    let mut costs = vec![0.69, 0.62, 0.55, 0.5, 0.46];
    costs.extend([0.45; 11]);
    let stuck = Some(Symptom::Stuck {
        cost: 0.45,
        guess: 0.693,
    });
    assert_eq!(fed(&mut Coach::new(0.693), 0, &costs), stuck);
    // Judged when epoch 15 begins, epochs 4 to 13 fell by 0.01, more than 1 % of guessing:
    // still learning. The next epoch's window is flat.
    let mut coach = Coach::new(0.693);
    assert_eq!(fed(&mut coach, 0, &costs[..15]), None);
    assert_eq!(coach.observe(15.5, 0.45, f64::NAN), stuck);
}

#[test]
fn a_high_cost_that_still_falls_slowly_is_not_stuck() {
    // 0.001 an epoch from 0.5: 0.009 over the window, more than 1 % of 0.693; for 60 epochs.
    let costs: Vec<f64> = (0..60).map(|e| 0.5 - 0.001 * e as f64).collect();
    assert_eq!(fed(&mut Coach::new(0.693), 0, &costs), None);
}

#[test]
fn a_flat_cost_low_or_above_guessing_is_not_stuck() {
    // What a network reaches and keeps: 0.2 is under STUCK · 0.693 ≈ 0.42.
    assert_eq!(fed(&mut Coach::new(0.693), 0, &[0.2; 40]), None);
    // Just under STUCK of guessing is not stuck; just over it is.
    assert_eq!(fed(&mut Coach::new(0.693), 0, &[0.99 * STUCK * 0.693; 40]), None);
    assert!(matches!(
        fed(&mut Coach::new(0.693), 0, &[1.01 * STUCK * 0.693; 40]),
        Some(Symptom::Stuck { .. })
    ));
    // Above guessing a constant would do better: not a network too simple for the data.
    assert_eq!(fed(&mut Coach::new(0.693), 0, &[0.8; 40]), None);
    // A window with one epoch under STUCK of guessing is not all high.
    let mut dipping = vec![0.45; 5];
    dipping.push(0.25);
    dipping.extend([0.45; 5]);
    assert_eq!(fed(&mut Coach::new(0.693), 0, &dipping), None);
}

#[test]
fn the_saturation_edges_are_where_the_slope_falls_under_one_percent_of_its_peak() {
    for (activation, peak) in [(Activation::Sigmoid, 0.25), (Activation::Tanh, 1.0)] {
        let edge = saturation_edge(activation).unwrap();
        assert_eq!(activation.derivative(0.0), peak);
        for z in [edge, -edge, 1.5 * edge] {
            assert!(activation.derivative(z) < 0.01 * peak, "{activation:?} at {z}");
        }
        // Just inside, the slope is still above 1 %: the edge is no further out than it needs.
        assert!(activation.derivative(0.95 * edge) > 0.01 * peak, "{activation:?}");
    }
    for activation in [Activation::Relu, Activation::LeakyRelu, Activation::Linear] {
        assert_eq!(saturation_edge(activation), None);
    }
}

#[test]
fn saturated_neurons_are_those_beyond_the_edge_for_more_than_half_of_the_samples() {
    // One input, two tanh neurons (z = 10x and z = 0.1x), one sigmoid output.
    let params = vec![10.0, 0.1, 1.0, 1.0, 0.0, 0.0, 0.0];
    let sizes = [1, 2, 1];
    let tanh = Network::with_params(&sizes, &[Activation::Tanh, Activation::Sigmoid], params.clone()).unwrap();
    assert_eq!((tanh.weight(0, 0, 0), tanh.weight(0, 1, 0)), (10.0, 0.1));
    let mut data = Dataset::new(1, 1);
    // |10x| is beyond 3 for three of five samples (0.4, −0.5, 1), not for 0.1 and −0.2.
    for x in [0.4, -0.5, 1.0, 0.1, -0.2] {
        data.push(&[x], &[1.0]);
    }
    assert_eq!(saturated(&tanh, &data), (1, 2));
    // Sigmoid neurons saturate twice as far out: |10x| is beyond 6 for x = 1 alone.
    let sigmoid = Network::with_params(&sizes, &[Activation::Sigmoid, Activation::Sigmoid], params.clone()).unwrap();
    assert_eq!(saturated(&sigmoid, &data), (0, 2));
    // Three of seven beyond the edge is not most of the samples.
    data.push(&[0.2], &[1.0]);
    data.push(&[0.25], &[1.0]);
    assert_eq!(saturated(&tanh, &data), (0, 2), "three of seven");
    // ReLU neurons are the dead-neuron rule's, not this one's; the output layer is not counted.
    let relu = Network::with_params(&sizes, &[Activation::Relu, Activation::Sigmoid], params).unwrap();
    assert_eq!(saturated(&relu, &data), (0, 0));
}

#[test]
fn dead_relus_are_named_by_layer_and_place_and_a_neuron_alive_for_one_sample_is_not() {
    // One input, three ReLUs in each of two hidden layers. Layer 1: z = x, z = −x − 5 (0 for
    // every x ≥ −5) and z = −x (alive for the negative sample alone); layer 2 takes layer 1's
    // first neuron with weights 1, −1 and 0 and no bias: its second and third are dead.
    let sizes = [1, 3, 3, 1];
    let activations = [Activation::Relu, Activation::Relu, Activation::Sigmoid];
    let mut weights = vec![1.0, -1.0, -1.0];
    weights.extend([1.0, 0.0, 0.0, -1.0, 0.0, 0.0, 0.0, 0.0, 0.0]);
    weights.extend([1.0, 1.0, 1.0]);
    let biases = [0.0, -5.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    let params = weights.into_iter().chain(biases).collect();
    let network = Network::with_params(&sizes, &activations, params).unwrap();
    let mut data = Dataset::new(1, 1);
    for x in [0.5, 2.0, -1.0] {
        data.push(&[x], &[1.0]);
    }
    let (dead, of) = dead_relus(&network, &data);
    assert_eq!((dead, of), (vec![(1, 1), (2, 1), (2, 2)], 6));
}

#[test]
fn a_stall_or_a_stuck_cost_is_recovered_from_once_the_cost_falls_clearly_below_it() {
    let mut coach = Coach::new(0.693);
    let stalled = fed(&mut coach, 0, &[0.694; 11]).unwrap();
    assert_eq!(stalled, Symptom::Stalled { guess: 0.693 });
    assert!(!coach.recovered(stalled));
    // 0.64 is still within 10 % of guessing: not yet.
    fed(&mut coach, 11, &[0.64; 6]);
    assert!(!coach.recovered(stalled));
    fed(&mut coach, 17, &[0.6; 6]);
    assert!(coach.recovered(stalled), "under 0.9 of guessing");
    let stuck = Symptom::Stuck {
        cost: 0.5,
        guess: 0.693,
    };
    assert!(!coach.recovered(stuck), "0.6 is above the stuck 0.5");
    fed(&mut coach, 23, &[0.44; 6]);
    assert!(coach.recovered(stuck), "under 0.9 of 0.5");
    // A cost that got worse, or overfitting, is not withdrawn: its best weights are still behind.
    assert!(!coach.recovered(Symptom::Worse { now: 0.9, best: 0.44 }));
    assert!(!coach.recovered(Symptom::Overfitting { now: 0.9, best: 0.44 }));
}
