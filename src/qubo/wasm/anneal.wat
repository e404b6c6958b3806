;; SIMD annealing kernels for dense QUBOs (see src/qubo/anneal.ts for the same algorithms in JS).
;; Memory is laid out by the caller (src/qubo/anneal-wasm.ts). Random numbers: xoshiro128** with the
;; state at $rng (4 x u32), loaded into locals for the loop; the same generator and draw order as
;; src/data/rng.ts, so the JS and wasm kernels give identical results. exp() is our own ($expNeg), no host call.
(module
  (memory (export "memory") 1)

;; exp(y) for y in (-44.36, 0]: the same reduction, polynomial and operation order as expNeg in
;; src/qubo/anneal.ts (so JS and wasm kernels agree bit for bit), 2^k built from its exponent bits.
  (func $expNeg (param $y f64) (result f64)
    (local $k f64) (local $r f64)
    (local.set $k (f64.floor (f64.add (f64.mul (local.get $y) (f64.const 1.4426950408889634)) (f64.const 0.5))))
    (local.set $r (f64.sub (f64.sub (local.get $y) (f64.mul (local.get $k) (f64.const 0.693147180369123816490)))
      (f64.mul (local.get $k) (f64.const 1.90821492927058770002e-10))))
    (f64.mul
      (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.add (f64.mul (f64.const 2.0876756987868100e-9) (local.get $r)) (f64.const 2.5052108385441720e-8)) (local.get $r)) (f64.const 2.7557319223985888e-7)) (local.get $r)) (f64.const 0.0000027557319223985893)) (local.get $r)) (f64.const 0.000024801587301587302)) (local.get $r)) (f64.const 0.00019841269841269841)) (local.get $r)) (f64.const 0.0013888888888888889)) (local.get $r)) (f64.const 0.0083333333333333332)) (local.get $r)) (f64.const 0.041666666666666664)) (local.get $r)) (f64.const 0.16666666666666666)) (local.get $r)) (f64.const 0.50000000000000000)) (local.get $r)) (f64.const 1.0000000000000000)) (local.get $r)) (f64.const 1.0000000000000000))
      (f64.reinterpret_i64 (i64.shl (i64.extend_i32_s (i32.add (i32.trunc_f64_s (local.get $k)) (i32.const 1023))) (i64.const 52)))))

  ;; f[j] += W[plus + j] - W[minus + j] over n doubles: 4 per iteration (two f64x2), then a tail.
  (func $axpy (param $f i32) (param $plus i32) (param $minus i32) (param $n i32)
    (local $j i32) (local $end i32) (local $o i32)
    (local.set $end (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $j) (local.get $end)))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (v128.store (i32.add (local.get $f) (local.get $o))
          (f64x2.add (v128.load (i32.add (local.get $f) (local.get $o)))
            (f64x2.sub (v128.load (i32.add (local.get $plus) (local.get $o))) (v128.load (i32.add (local.get $minus) (local.get $o))))))
        (v128.store offset=16 (i32.add (local.get $f) (local.get $o))
          (f64x2.add (v128.load offset=16 (i32.add (local.get $f) (local.get $o)))
            (f64x2.sub (v128.load offset=16 (i32.add (local.get $plus) (local.get $o))) (v128.load offset=16 (i32.add (local.get $minus) (local.get $o))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $l)))
    (block $tailDone
      (loop $t
        (br_if $tailDone (i32.ge_u (local.get $j) (local.get $n)))
        (local.set $o (i32.shl (local.get $j) (i32.const 3)))
        (f64.store (i32.add (local.get $f) (local.get $o))
          (f64.add (f64.load (i32.add (local.get $f) (local.get $o)))
            (f64.sub (f64.load (i32.add (local.get $plus) (local.get $o))) (f64.load (i32.add (local.get $minus) (local.get $o))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $t))))

  ;; Swap moves at exact cardinality. ones[k], zeros[n-k]: indices; W n*n f64; f n f64.
  ;; The generator state lives in locals during the loop (stored back at the end): ;;@next lines are
  ;; expanded by scripts/build-wasm.mjs into the xoshiro128** step.
  (func (export "swap") (param $n i32) (param $k i32) (param $W i32) (param $f i32) (param $ones i32) (param $zeros i32)
                        (param $betas i32) (param $sweeps i32) (param $rng i32) (result i32)
    (local $nz i32) (local $t i32) (local $p i32) (local $beta f64) (local $ia i32) (local $ib i32)
    (local $a i32) (local $b i32) (local $d f64) (local $acc i32) (local $rowBytes i32) (local $r i32)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $tt i32) (local $ok i32)
    (local.set $nz (i32.sub (local.get $n) (local.get $k)))
    (if (i32.or (i32.eqz (local.get $k)) (i32.eqz (local.get $nz))) (then (return (i32.const 0))))
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $s0 (i32.load (local.get $rng)))
    (local.set $s1 (i32.load offset=4 (local.get $rng)))
    (local.set $s2 (i32.load offset=8 (local.get $rng)))
    (local.set $s3 (i32.load offset=12 (local.get $rng)))
    (block $sweepsDone
      (loop $sweep
        (br_if $sweepsDone (i32.ge_u (local.get $t) (local.get $sweeps)))
        (local.set $beta (f64.load (i32.add (local.get $betas) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $p (i32.const 0))
        (block $propsDone
          (loop $prop
            (br_if $propsDone (i32.ge_u (local.get $p) (local.get $n)))
            ;;@next $r
            (local.set $ia (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $r)) (i64.extend_i32_u (local.get $k))) (i64.const 32))))
            ;;@next $r
            (local.set $ib (i32.wrap_i64 (i64.shr_u (i64.mul (i64.extend_i32_u (local.get $r)) (i64.extend_i32_u (local.get $nz))) (i64.const 32))))
            (local.set $a (i32.load (i32.add (local.get $ones) (i32.shl (local.get $ia) (i32.const 2)))))
            (local.set $b (i32.load (i32.add (local.get $zeros) (i32.shl (local.get $ib) (i32.const 2)))))
            (local.set $d
              (f64.sub
                (f64.sub
                  (f64.load (i32.add (local.get $f) (i32.shl (local.get $b) (i32.const 3))))
                  (f64.load (i32.add (local.get $f) (i32.shl (local.get $a) (i32.const 3)))))
                (f64.load (i32.add (local.get $W) (i32.add (i32.mul (local.get $a) (local.get $rowBytes)) (i32.shl (local.get $b) (i32.const 3)))))))
            ;; Metropolis, same order of draws as the JS kernel: a third draw only for uphill moves.
            (local.set $ok (f64.le (local.get $d) (f64.const 0)))
            (if (i32.and (i32.eqz (local.get $ok)) (f64.lt (f64.mul (local.get $d) (local.get $beta)) (f64.const 44.36)))
              (then
                ;;@next $r
                (local.set $ok (f64.lt (f64.convert_i32_u (local.get $r))
                  (f64.mul (call $expNeg (f64.neg (f64.mul (local.get $d) (local.get $beta)))) (f64.const 4294967296))))))
            (if (local.get $ok)
              (then
                (call $axpy (local.get $f)
                  (i32.add (local.get $W) (i32.mul (local.get $b) (local.get $rowBytes)))
                  (i32.add (local.get $W) (i32.mul (local.get $a) (local.get $rowBytes)))
                  (local.get $n))
                (i32.store (i32.add (local.get $ones) (i32.shl (local.get $ia) (i32.const 2))) (local.get $b))
                (i32.store (i32.add (local.get $zeros) (i32.shl (local.get $ib) (i32.const 2))) (local.get $a))
                (local.set $acc (i32.add (local.get $acc) (i32.const 1)))))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $prop)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $sweep)))
    (i32.store (local.get $rng) (local.get $s0))
    (i32.store offset=4 (local.get $rng) (local.get $s1))
    (i32.store offset=8 (local.get $rng) (local.get $s2))
    (i32.store offset=12 (local.get $rng) (local.get $s3))
    (local.get $acc))

  ;; Single flips in sequential order. x: n bytes; zero: a row of n zeros (for the one-sided update).
  (func (export "flip") (param $n i32) (param $W i32) (param $f i32) (param $x i32) (param $zero i32)
                        (param $betas i32) (param $sweeps i32) (param $rng i32) (result i32)
    (local $t i32) (local $i i32) (local $beta f64) (local $d f64) (local $fi f64) (local $acc i32) (local $rowBytes i32) (local $row i32)
    (local $r i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $tt i32) (local $ok i32) (local $xi i32)
    (local.set $rowBytes (i32.shl (local.get $n) (i32.const 3)))
    (local.set $s0 (i32.load (local.get $rng)))
    (local.set $s1 (i32.load offset=4 (local.get $rng)))
    (local.set $s2 (i32.load offset=8 (local.get $rng)))
    (local.set $s3 (i32.load offset=12 (local.get $rng)))
    (block $sweepsDone
      (loop $sweep
        (br_if $sweepsDone (i32.ge_u (local.get $t) (local.get $sweeps)))
        (local.set $beta (f64.load (i32.add (local.get $betas) (i32.shl (local.get $t) (i32.const 3)))))
        (local.set $i (i32.const 0))
        (block $varsDone
          (loop $var
            (br_if $varsDone (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $fi (f64.load (i32.add (local.get $f) (i32.shl (local.get $i) (i32.const 3)))))
            (local.set $xi (i32.load8_u (i32.add (local.get $x) (local.get $i))))
            (local.set $d (select (f64.neg (local.get $fi)) (local.get $fi) (local.get $xi)))
            (local.set $ok (f64.le (local.get $d) (f64.const 0)))
            (if (i32.and (i32.eqz (local.get $ok)) (f64.lt (f64.mul (local.get $d) (local.get $beta)) (f64.const 44.36)))
              (then
                ;;@next $r
                (local.set $ok (f64.lt (f64.convert_i32_u (local.get $r))
                  (f64.mul (call $expNeg (f64.neg (f64.mul (local.get $d) (local.get $beta)))) (f64.const 4294967296))))))
            (if (local.get $ok)
              (then
                (local.set $row (i32.add (local.get $W) (i32.mul (local.get $i) (local.get $rowBytes))))
                (if (local.get $xi)
                  (then (call $axpy (local.get $f) (local.get $zero) (local.get $row) (local.get $n)))
                  (else (call $axpy (local.get $f) (local.get $row) (local.get $zero) (local.get $n))))
                (i32.store8 (i32.add (local.get $x) (local.get $i)) (i32.xor (local.get $xi) (i32.const 1)))
                (local.set $acc (i32.add (local.get $acc) (i32.const 1)))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $var)))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $sweep)))
    (i32.store (local.get $rng) (local.get $s0))
    (i32.store offset=4 (local.get $rng) (local.get $s1))
    (i32.store offset=8 (local.get $rng) (local.get $s2))
    (i32.store offset=12 (local.get $rng) (local.get $s3))
    (local.get $acc))
)
