;; The gate maths of the LSTM and GRU steps, forward and backward, in WebAssembly SIMD, four float32 lanes at a
;; time.
;; Compiled to bytes by `node tools/build-gate-maths.mjs` into gate-maths-wasm.ts (do not edit that by hand);
;; gate-maths.ts loads them and the cells call it (see lstm-cell.ts, gru-cell.ts).
;;
;; Every pointer is a byte offset into this module's memory; row blocks are [rows, H] float32 with H a multiple
;; of 4 (the cells use their JavaScript loops otherwise). `hb` below is H in bytes.
(module
  (memory (export "memory") 1)

  ;; e^x: x = n·ln2 + r with |r| ≤ ln2/2 (ln2 split in two so that n·ln2 is exact), e^r by its Taylor series to
  ;; r⁶/720 (truncation below 2e-7 relative on that interval), 2^n written straight into the exponent bits.
  ;; x is clamped to [-87, 88] so that n + 127 stays a normal exponent: e^88 is below float32's maximum.
  (func $exp (param $x v128) (result v128)
    (local $n v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.max (f32x4.min (local.get $x) (f32x4.splat (f32.const 88))) (f32x4.splat (f32.const -87))))
    (local.set $n (f32x4.nearest (f32x4.mul (local.get $x) (f32x4.splat (f32.const 1.44269504)))))
    (local.set $r (f32x4.sub (local.get $x) (f32x4.mul (local.get $n) (f32x4.splat (f32.const 0.693359375)))))
    (local.set $r (f32x4.sub (local.get $r) (f32x4.mul (local.get $n) (f32x4.splat (f32.const -2.12194440e-4)))))
    (local.set $p (f32x4.splat (f32.const 1.38888889e-3)))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 8.33333333e-3))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 4.16666667e-2))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 0.166666667))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 0.5))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1))))
    (local.set $p (f32x4.add (f32x4.mul (local.get $p) (local.get $r)) (f32x4.splat (f32.const 1))))
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $n)) (i32x4.splat (i32.const 127))) (i32.const 23))))

  ;; σ(x) = 1 / (1 + e^-x)
  (func $sigmoid (param $x v128) (result v128)
    (f32x4.div (f32x4.splat (f32.const 1))
      (f32x4.add (f32x4.splat (f32.const 1)) (call $exp (f32x4.neg (local.get $x))))))

  ;; tanh x = 1 − 2 / (e^2x + 1): exact at both saturations; near 0 its error is absolute (about 1e-7), not relative.
  (func $tanh (param $x v128) (result v128)
    (f32x4.sub (f32x4.splat (f32.const 1))
      (f32x4.div (f32x4.splat (f32.const 2))
        (f32x4.add (call $exp (f32x4.add (local.get $x) (local.get $x))) (f32x4.splat (f32.const 1))))))

  ;; σ or tanh of n floats in place (n a multiple of 4): for tests, and for cells without a fused step.
  (func (export "sigmoid") (param $p i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (v128.store (local.get $p) (call $sigmoid (v128.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $next))))
  (func (export "tanh") (param $p i32) (param $n i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (v128.store (local.get $p) (call $tanh (v128.load (local.get $p))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $next))))

  ;; LSTM, rows × [i f g o]: gates [rows, 4H] hold x·W + b on entry and the activations i, f, g, o on return;
  ;; rec [rows, 4H] is h·U, added first; c [rows, H] the state before. Writes cNext, tanhC = tanh(cNext) and
  ;; hNext = o⊙tanhC, [rows, H] each.
  (func (export "lstmForward")
    (param $g i32) (param $rec i32) (param $c i32) (param $cNext i32) (param $tanhC i32) (param $hNext i32)
    (param $rows i32) (param $H i32)
    (local $hb i32) (local $end i32) (local $rowEnd i32) (local $s i32) (local $gp i32) (local $rp i32)
    (local $i v128) (local $f v128) (local $gg v128) (local $o v128) (local $cn v128) (local $tc v128)
    (local.set $hb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $end (i32.mul (local.get $rows) (local.get $hb)))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
      ;; $s walks the [rows, H] byte offsets; $gp and $rp the i block of the same row and column.
      (local.set $rowEnd (i32.add (local.get $s) (local.get $hb)))
      (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $s) (i32.const 2))))
      (local.set $rp (i32.add (local.get $rec) (i32.shl (local.get $s) (i32.const 2))))
      (block $rowDone (loop $col
        (br_if $rowDone (i32.ge_u (local.get $s) (local.get $rowEnd)))
        (local.set $i (call $sigmoid (f32x4.add (v128.load (local.get $gp)) (v128.load (local.get $rp)))))
        (local.set $f (call $sigmoid (f32x4.add
          (v128.load (i32.add (local.get $gp) (local.get $hb)))
          (v128.load (i32.add (local.get $rp) (local.get $hb))))))
        (local.set $gg (call $tanh (f32x4.add
          (v128.load (i32.add (local.get $gp) (i32.shl (local.get $hb) (i32.const 1))))
          (v128.load (i32.add (local.get $rp) (i32.shl (local.get $hb) (i32.const 1)))))))
        (local.set $o (call $sigmoid (f32x4.add
          (v128.load (i32.add (local.get $gp) (i32.mul (local.get $hb) (i32.const 3))))
          (v128.load (i32.add (local.get $rp) (i32.mul (local.get $hb) (i32.const 3)))))))
        (local.set $cn (f32x4.add
          (f32x4.mul (local.get $f) (v128.load (i32.add (local.get $c) (local.get $s))))
          (f32x4.mul (local.get $i) (local.get $gg))))
        (local.set $tc (call $tanh (local.get $cn)))
        (v128.store (local.get $gp) (local.get $i))
        (v128.store (i32.add (local.get $gp) (local.get $hb)) (local.get $f))
        (v128.store (i32.add (local.get $gp) (i32.shl (local.get $hb) (i32.const 1))) (local.get $gg))
        (v128.store (i32.add (local.get $gp) (i32.mul (local.get $hb) (i32.const 3))) (local.get $o))
        (v128.store (i32.add (local.get $cNext) (local.get $s)) (local.get $cn))
        (v128.store (i32.add (local.get $tanhC) (local.get $s)) (local.get $tc))
        (v128.store (i32.add (local.get $hNext) (local.get $s)) (f32x4.mul (local.get $o) (local.get $tc)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
        (local.set $rp (i32.add (local.get $rp) (i32.const 16)))
        (br $col)))
      (br $row))))

  ;; GRU with the reset gate first, before the candidate's product: gates [rows, 3H] hold x·W + b (z r h) on
  ;; entry; rec [rows, 2H] is h·U for z and r. Writes z and r into gates and rh = r⊙hIn, [rows, H].
  (func (export "gruResetGates")
    (param $g i32) (param $rec i32) (param $hIn i32) (param $rh i32) (param $rows i32) (param $H i32)
    (local $hb i32) (local $end i32) (local $rowEnd i32) (local $s i32) (local $gp i32) (local $rp i32)
    (local $z v128) (local $r v128)
    (local.set $hb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $end (i32.mul (local.get $rows) (local.get $hb)))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
      (local.set $rowEnd (i32.add (local.get $s) (local.get $hb)))
      (local.set $gp (i32.add (local.get $g) (i32.mul (local.get $s) (i32.const 3))))
      (local.set $rp (i32.add (local.get $rec) (i32.shl (local.get $s) (i32.const 1))))
      (block $rowDone (loop $col
        (br_if $rowDone (i32.ge_u (local.get $s) (local.get $rowEnd)))
        (local.set $z (call $sigmoid (f32x4.add (v128.load (local.get $gp)) (v128.load (local.get $rp)))))
        (local.set $r (call $sigmoid (f32x4.add
          (v128.load (i32.add (local.get $gp) (local.get $hb)))
          (v128.load (i32.add (local.get $rp) (local.get $hb))))))
        (v128.store (local.get $gp) (local.get $z))
        (v128.store (i32.add (local.get $gp) (local.get $hb)) (local.get $r))
        (v128.store (i32.add (local.get $rh) (local.get $s))
          (f32x4.mul (local.get $r) (v128.load (i32.add (local.get $hIn) (local.get $s)))))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
        (local.set $rp (i32.add (local.get $rp) (i32.const 16)))
        (br $col)))
      (br $row))))

  ;; GRU with the reset gate first, after the candidate's product recH = (r⊙h)·U_h, [rows, H]: the candidate
  ;; ĥ = tanh(x·W_h + b_h + recH) replaces its pre-activation in gates, and hNext = z⊙h + (1 − z)⊙ĥ.
  (func (export "gruResetCandidate")
    (param $g i32) (param $recH i32) (param $h i32) (param $hNext i32) (param $rows i32) (param $H i32)
    (local $hb i32) (local $end i32) (local $rowEnd i32) (local $s i32) (local $gp i32)
    (local $z v128) (local $hh v128)
    (local.set $hb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $end (i32.mul (local.get $rows) (local.get $hb)))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
      (local.set $rowEnd (i32.add (local.get $s) (local.get $hb)))
      (local.set $gp (i32.add (local.get $g) (i32.mul (local.get $s) (i32.const 3))))
      (block $rowDone (loop $col
        (br_if $rowDone (i32.ge_u (local.get $s) (local.get $rowEnd)))
        (local.set $z (v128.load (local.get $gp)))
        (local.set $hh (call $tanh (f32x4.add
          (v128.load (i32.add (local.get $gp) (i32.shl (local.get $hb) (i32.const 1))))
          (v128.load (i32.add (local.get $recH) (local.get $s))))))
        (v128.store (i32.add (local.get $gp) (i32.shl (local.get $hb) (i32.const 1))) (local.get $hh))
        (v128.store (i32.add (local.get $hNext) (local.get $s)) (f32x4.add
          (f32x4.mul (local.get $z) (v128.load (i32.add (local.get $h) (local.get $s))))
          (f32x4.mul (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $z)) (local.get $hh))))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
        (br $col)))
      (br $row))))

  ;; GRU with the reset gate after the product (Keras 2, cuDNN): gates [rows, 3H] hold x·W + b on entry and
  ;; z, r, ĥ on return; rec [rows, 3H] is h·U; rb [3H] the recurrent bias. ĥ = tanh(x·W_h + b_h + r⊙term) with
  ;; term = (h·U)_h + rb_h, written to term [rows, H]; hNext = z⊙h + (1 − z)⊙ĥ.
  (func (export "gruResetAfter")
    (param $g i32) (param $rec i32) (param $rb i32) (param $h i32) (param $term i32) (param $hNext i32)
    (param $rows i32) (param $H i32)
    (local $hb i32) (local $end i32) (local $rowEnd i32) (local $s i32) (local $gp i32) (local $rp i32) (local $bp i32)
    (local $z v128) (local $r v128) (local $t v128) (local $hh v128)
    (local.set $hb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $end (i32.mul (local.get $rows) (local.get $hb)))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
      (local.set $rowEnd (i32.add (local.get $s) (local.get $hb)))
      (local.set $gp (i32.add (local.get $g) (i32.mul (local.get $s) (i32.const 3))))
      (local.set $rp (i32.add (local.get $rec) (i32.mul (local.get $s) (i32.const 3))))
      (local.set $bp (local.get $rb))
      (block $rowDone (loop $col
        (br_if $rowDone (i32.ge_u (local.get $s) (local.get $rowEnd)))
        (local.set $z (call $sigmoid (f32x4.add
          (f32x4.add (v128.load (local.get $gp)) (v128.load (local.get $rp)))
          (v128.load (local.get $bp)))))
        (local.set $r (call $sigmoid (f32x4.add
          (f32x4.add (v128.load (i32.add (local.get $gp) (local.get $hb))) (v128.load (i32.add (local.get $rp) (local.get $hb))))
          (v128.load (i32.add (local.get $bp) (local.get $hb))))))
        (local.set $t (f32x4.add
          (v128.load (i32.add (local.get $rp) (i32.shl (local.get $hb) (i32.const 1))))
          (v128.load (i32.add (local.get $bp) (i32.shl (local.get $hb) (i32.const 1))))))
        (local.set $hh (call $tanh (f32x4.add
          (v128.load (i32.add (local.get $gp) (i32.shl (local.get $hb) (i32.const 1))))
          (f32x4.mul (local.get $r) (local.get $t)))))
        (v128.store (local.get $gp) (local.get $z))
        (v128.store (i32.add (local.get $gp) (local.get $hb)) (local.get $r))
        (v128.store (i32.add (local.get $gp) (i32.shl (local.get $hb) (i32.const 1))) (local.get $hh))
        (v128.store (i32.add (local.get $term) (local.get $s)) (local.get $t))
        (v128.store (i32.add (local.get $hNext) (local.get $s)) (f32x4.add
          (f32x4.mul (local.get $z) (v128.load (i32.add (local.get $h) (local.get $s))))
          (f32x4.mul (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $z)) (local.get $hh))))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
        (local.set $rp (i32.add (local.get $rp) (i32.const 16)))
        (local.set $bp (i32.add (local.get $bp) (i32.const 16)))
        (br $col)))
      (br $row))))

  ;; LSTM backward, rows × [i f g o]: gates [rows, 4H] the step's activations, tanhC = tanh(c'), cPrev the cell
  ;; state before the step, dh and dc ∂L/∂(h', c'), [rows, H] each. Writes ∂L/∂(pre-activations) to dGates
  ;; [rows, 4H] and ∂L/∂c along the f⊙c path to dcPrev [rows, H].
  (func (export "lstmBackward")
    (param $g i32) (param $tanhC i32) (param $cPrev i32) (param $dh i32) (param $dc i32) (param $dGates i32)
    (param $dcPrev i32) (param $rows i32) (param $H i32)
    (local $hb i32) (local $end i32) (local $rowEnd i32) (local $s i32) (local $gp i32) (local $dp i32)
    (local $i v128) (local $f v128) (local $gg v128) (local $o v128) (local $tc v128) (local $dhv v128) (local $dcv v128)
    (local $one v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $hb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $end (i32.mul (local.get $rows) (local.get $hb)))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
      (local.set $rowEnd (i32.add (local.get $s) (local.get $hb)))
      (local.set $gp (i32.add (local.get $g) (i32.shl (local.get $s) (i32.const 2))))
      (local.set $dp (i32.add (local.get $dGates) (i32.shl (local.get $s) (i32.const 2))))
      (block $rowDone (loop $col
        (br_if $rowDone (i32.ge_u (local.get $s) (local.get $rowEnd)))
        (local.set $i (v128.load (local.get $gp)))
        (local.set $f (v128.load (i32.add (local.get $gp) (local.get $hb))))
        (local.set $gg (v128.load (i32.add (local.get $gp) (i32.shl (local.get $hb) (i32.const 1)))))
        (local.set $o (v128.load (i32.add (local.get $gp) (i32.mul (local.get $hb) (i32.const 3)))))
        (local.set $tc (v128.load (i32.add (local.get $tanhC) (local.get $s))))
        (local.set $dhv (v128.load (i32.add (local.get $dh) (local.get $s))))
        ;; dc' = dc + dh⊙o⊙(1 − tanh²c')
        (local.set $dcv (f32x4.add (v128.load (i32.add (local.get $dc) (local.get $s)))
          (f32x4.mul (f32x4.mul (local.get $dhv) (local.get $o))
            (f32x4.sub (local.get $one) (f32x4.mul (local.get $tc) (local.get $tc))))))
        (v128.store (local.get $dp)
          (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dcv) (local.get $gg)) (local.get $i))
            (f32x4.sub (local.get $one) (local.get $i))))
        (v128.store (i32.add (local.get $dp) (local.get $hb))
          (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dcv) (v128.load (i32.add (local.get $cPrev) (local.get $s))))
            (local.get $f)) (f32x4.sub (local.get $one) (local.get $f))))
        (v128.store (i32.add (local.get $dp) (i32.shl (local.get $hb) (i32.const 1)))
          (f32x4.mul (f32x4.mul (local.get $dcv) (local.get $i))
            (f32x4.sub (local.get $one) (f32x4.mul (local.get $gg) (local.get $gg)))))
        (v128.store (i32.add (local.get $dp) (i32.mul (local.get $hb) (i32.const 3)))
          (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dhv) (local.get $tc)) (local.get $o))
            (f32x4.sub (local.get $one) (local.get $o))))
        (v128.store (i32.add (local.get $dcPrev) (local.get $s)) (f32x4.mul (local.get $dcv) (local.get $f)))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
        (local.set $dp (i32.add (local.get $dp) (i32.const 16)))
        (br $col)))
      (br $row))))

  ;; GRU backward, the elementwise part, rows × [z r ĥ]: gates [rows, 3H] the step's z, r, ĥ; hPrev the state
  ;; before the step, aux the candidate's recurrent term (reset after) or operand r⊙h (reset before), dh = ∂L/∂h',
  ;; [rows, H] each. Writes ∂L/∂z and ∂L/∂ĥ's pre-activation into dGates [rows, 3H] and ∂L/∂h along z⊙h to direct
  ;; [rows, H]; with resetAfter ≠ 0 also ∂L/∂r into dGates and the recurrent products' gradients into dRec
  ;; [rows, 3H] (without it, ∂L/∂r needs the candidate's product and is left to the caller).
  (func (export "gruBackward")
    (param $g i32) (param $hPrev i32) (param $aux i32) (param $dh i32) (param $dGates i32) (param $dRec i32)
    (param $direct i32) (param $rows i32) (param $H i32) (param $resetAfter i32)
    (local $hb i32) (local $end i32) (local $rowEnd i32) (local $s i32) (local $gp i32) (local $dp i32) (local $rp i32)
    (local $z v128) (local $r v128) (local $hh v128) (local $dhv v128) (local $dz v128) (local $dCand v128) (local $dr v128)
    (local $one v128)
    (local.set $one (f32x4.splat (f32.const 1)))
    (local.set $hb (i32.shl (local.get $H) (i32.const 2)))
    (local.set $end (i32.mul (local.get $rows) (local.get $hb)))
    (block $done (loop $row
      (br_if $done (i32.ge_u (local.get $s) (local.get $end)))
      (local.set $rowEnd (i32.add (local.get $s) (local.get $hb)))
      (local.set $gp (i32.add (local.get $g) (i32.mul (local.get $s) (i32.const 3))))
      (local.set $dp (i32.add (local.get $dGates) (i32.mul (local.get $s) (i32.const 3))))
      (local.set $rp (i32.add (local.get $dRec) (i32.mul (local.get $s) (i32.const 3))))
      (block $rowDone (loop $col
        (br_if $rowDone (i32.ge_u (local.get $s) (local.get $rowEnd)))
        (local.set $z (v128.load (local.get $gp)))
        (local.set $hh (v128.load (i32.add (local.get $gp) (i32.shl (local.get $hb) (i32.const 1)))))
        (local.set $dhv (v128.load (i32.add (local.get $dh) (local.get $s))))
        ;; ∂z = dh⊙(h − ĥ)⊙z⊙(1 − z), ∂ĥ = dh⊙(1 − z)⊙(1 − ĥ²)
        (local.set $dz (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dhv)
          (f32x4.sub (v128.load (i32.add (local.get $hPrev) (local.get $s))) (local.get $hh)))
          (local.get $z)) (f32x4.sub (local.get $one) (local.get $z))))
        (local.set $dCand (f32x4.mul (f32x4.mul (local.get $dhv) (f32x4.sub (local.get $one) (local.get $z)))
          (f32x4.sub (local.get $one) (f32x4.mul (local.get $hh) (local.get $hh)))))
        (v128.store (local.get $dp) (local.get $dz))
        (v128.store (i32.add (local.get $dp) (i32.shl (local.get $hb) (i32.const 1))) (local.get $dCand))
        (v128.store (i32.add (local.get $direct) (local.get $s)) (f32x4.mul (local.get $dhv) (local.get $z)))
        (if (local.get $resetAfter) (then
          (local.set $r (v128.load (i32.add (local.get $gp) (local.get $hb))))
          (local.set $dr (f32x4.mul (f32x4.mul (f32x4.mul (local.get $dCand)
            (v128.load (i32.add (local.get $aux) (local.get $s)))) (local.get $r)) (f32x4.sub (local.get $one) (local.get $r))))
          (v128.store (i32.add (local.get $dp) (local.get $hb)) (local.get $dr))
          (v128.store (local.get $rp) (local.get $dz))
          (v128.store (i32.add (local.get $rp) (local.get $hb)) (local.get $dr))
          (v128.store (i32.add (local.get $rp) (i32.shl (local.get $hb) (i32.const 1))) (f32x4.mul (local.get $dCand) (local.get $r)))))
        (local.set $s (i32.add (local.get $s) (i32.const 16)))
        (local.set $gp (i32.add (local.get $gp) (i32.const 16)))
        (local.set $dp (i32.add (local.get $dp) (i32.const 16)))
        (local.set $rp (i32.add (local.get $rp) (i32.const 16)))
        (br $col)))
      (br $row))))
)
