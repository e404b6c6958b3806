import * as $protobuf from "protobufjs";
import Long = require("long");

export namespace qprune {

    interface ITensor extends qprune.Tensor.$Properties {
    }

    class Tensor {
        constructor(p?: qprune.Tensor.$Properties);
        $unknowns?: Uint8Array[];
        shape: number[];
        data: Uint8Array;
        static create(properties: qprune.Tensor.$Shape): qprune.Tensor & qprune.Tensor.$Shape;
        static create(properties?: qprune.Tensor.$Properties): qprune.Tensor;
        static encode(m: qprune.Tensor.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.Tensor & qprune.Tensor.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace Tensor {
        interface $Properties {
            shape?: (number[]|null);
            data?: (Uint8Array|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.Tensor.$Properties;
    }

    interface ISolveJob extends qprune.SolveJob.$Properties {
    }

    class SolveJob {
        constructor(p?: qprune.SolveJob.$Properties);
        $unknowns?: Uint8Array[];
        runId: string;
        jobId: string;
        groupId: string;
        n: number;
        lin: Uint8Array;
        couplings: Uint8Array;
        k: number;
        sampler: string;
        reads: number;
        sweeps: number;
        seed: number;
        mu: number;
        initialStates: Uint8Array[];
        firstRead: number;
        static create(properties: qprune.SolveJob.$Shape): qprune.SolveJob & qprune.SolveJob.$Shape;
        static create(properties?: qprune.SolveJob.$Properties): qprune.SolveJob;
        static encode(m: qprune.SolveJob.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.SolveJob & qprune.SolveJob.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace SolveJob {
        interface $Properties {
            runId?: (string|null);
            jobId?: (string|null);
            groupId?: (string|null);
            n?: (number|null);
            lin?: (Uint8Array|null);
            couplings?: (Uint8Array|null);
            k?: (number|null);
            sampler?: (string|null);
            reads?: (number|null);
            sweeps?: (number|null);
            seed?: (number|null);
            mu?: (number|null);
            initialStates?: (Uint8Array[]|null);
            firstRead?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.SolveJob.$Properties;
    }

    interface ISampleSet extends qprune.SampleSet.$Properties {
    }

    class SampleSet {
        constructor(p?: qprune.SampleSet.$Properties);
        $unknowns?: Uint8Array[];
        samples: Uint8Array[];
        energies: number[];
        occurrences: number[];
        seconds: number;
        proposals: number;
        static create(properties: qprune.SampleSet.$Shape): qprune.SampleSet & qprune.SampleSet.$Shape;
        static create(properties?: qprune.SampleSet.$Properties): qprune.SampleSet;
        static encode(m: qprune.SampleSet.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.SampleSet & qprune.SampleSet.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace SampleSet {
        interface $Properties {
            samples?: (Uint8Array[]|null);
            energies?: (number[]|null);
            occurrences?: (number[]|null);
            seconds?: (number|null);
            proposals?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.SampleSet.$Properties;
    }

    interface IGroupMask extends qprune.GroupMask.$Properties {
    }

    class GroupMask {
        constructor(p?: qprune.GroupMask.$Properties);
        $unknowns?: Uint8Array[];
        group: string;
        mask: Uint8Array;
        static create(properties: qprune.GroupMask.$Shape): qprune.GroupMask & qprune.GroupMask.$Shape;
        static create(properties?: qprune.GroupMask.$Properties): qprune.GroupMask;
        static encode(m: qprune.GroupMask.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.GroupMask & qprune.GroupMask.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupMask {
        interface $Properties {
            group?: (string|null);
            mask?: (Uint8Array|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.GroupMask.$Properties;
    }

    interface ICandidate extends qprune.Candidate.$Properties {
    }

    class Candidate {
        constructor(p?: qprune.Candidate.$Properties);
        $unknowns?: Uint8Array[];
        masks: qprune.GroupMask.$Properties[];
        static create(properties: qprune.Candidate.$Shape): qprune.Candidate & qprune.Candidate.$Shape;
        static create(properties?: qprune.Candidate.$Properties): qprune.Candidate;
        static encode(m: qprune.Candidate.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.Candidate & qprune.Candidate.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace Candidate {
        interface $Properties {
            masks?: (qprune.GroupMask.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.Candidate.$Properties;
    }

    interface IEvalJob extends qprune.EvalJob.$Properties {
    }

    class EvalJob {
        constructor(p?: qprune.EvalJob.$Properties);
        $unknowns?: Uint8Array[];
        runId: string;
        jobId: string;
        modelKey: string;
        batchKey: string;
        candidates: qprune.Candidate.$Properties[];
        ssim: boolean;
        compensation: string;
        inputStatsKey: string;
        static create(properties: qprune.EvalJob.$Shape): qprune.EvalJob & qprune.EvalJob.$Shape;
        static create(properties?: qprune.EvalJob.$Properties): qprune.EvalJob;
        static encode(m: qprune.EvalJob.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.EvalJob & qprune.EvalJob.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace EvalJob {
        interface $Properties {
            runId?: (string|null);
            jobId?: (string|null);
            modelKey?: (string|null);
            batchKey?: (string|null);
            candidates?: (qprune.Candidate.$Properties[]|null);
            ssim?: (boolean|null);
            compensation?: (string|null);
            inputStatsKey?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.EvalJob.$Properties;
    }

    interface ICandidateScore extends qprune.CandidateScore.$Properties {
    }

    class CandidateScore {
        constructor(p?: qprune.CandidateScore.$Properties);
        $unknowns?: Uint8Array[];
        psnr: number;
        ssim: number;
        perImagePsnr: number[];
        static create(properties: qprune.CandidateScore.$Shape): qprune.CandidateScore & qprune.CandidateScore.$Shape;
        static create(properties?: qprune.CandidateScore.$Properties): qprune.CandidateScore;
        static encode(m: qprune.CandidateScore.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.CandidateScore & qprune.CandidateScore.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace CandidateScore {
        interface $Properties {
            psnr?: (number|null);
            ssim?: (number|null);
            perImagePsnr?: (number[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.CandidateScore.$Properties;
    }

    interface IEvalResult extends qprune.EvalResult.$Properties {
    }

    class EvalResult {
        constructor(p?: qprune.EvalResult.$Properties);
        $unknowns?: Uint8Array[];
        scores: qprune.CandidateScore.$Properties[];
        static create(properties: qprune.EvalResult.$Shape): qprune.EvalResult & qprune.EvalResult.$Shape;
        static create(properties?: qprune.EvalResult.$Properties): qprune.EvalResult;
        static encode(m: qprune.EvalResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.EvalResult & qprune.EvalResult.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace EvalResult {
        interface $Properties {
            scores?: (qprune.CandidateScore.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.EvalResult.$Properties;
    }

    interface IScoreJob extends qprune.ScoreJob.$Properties {
    }

    class ScoreJob {
        constructor(p?: qprune.ScoreJob.$Properties);
        $unknowns?: Uint8Array[];
        runId: string;
        jobId: string;
        modelKey: string;
        data: string;
        noise: string;
        samples: number;
        patch: number;
        batch: number;
        seed: number;
        patchesKey: string;
        engine: string;
        removal: string;
        coupleLayers: number;
        static create(properties: qprune.ScoreJob.$Shape): qprune.ScoreJob & qprune.ScoreJob.$Shape;
        static create(properties?: qprune.ScoreJob.$Properties): qprune.ScoreJob;
        static encode(m: qprune.ScoreJob.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.ScoreJob & qprune.ScoreJob.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace ScoreJob {
        interface $Properties {
            runId?: (string|null);
            jobId?: (string|null);
            modelKey?: (string|null);
            data?: (string|null);
            noise?: (string|null);
            samples?: (number|null);
            patch?: (number|null);
            batch?: (number|null);
            seed?: (number|null);
            patchesKey?: (string|null);
            engine?: (string|null);
            removal?: (string|null);
            coupleLayers?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.ScoreJob.$Properties;
    }

    interface IGroupScore extends qprune.GroupScore.$Properties {
    }

    class GroupScore {
        constructor(p?: qprune.GroupScore.$Properties);
        $unknowns?: Uint8Array[];
        id: string;
        size: number;
        l1: Uint8Array;
        l2: Uint8Array;
        taylor: Uint8Array;
        fisher: Uint8Array;
        similarity?: (qprune.Tensor.$Properties|null);
        dead: number[];
        fisherMatrix?: (qprune.Tensor.$Properties|null);
        pearson?: (qprune.Tensor.$Properties|null);
        fisherVariance?: (qprune.Tensor.$Properties|null);
        reconstruction?: (qprune.Tensor.$Properties|null);
        static create(properties: qprune.GroupScore.$Shape): qprune.GroupScore & qprune.GroupScore.$Shape;
        static create(properties?: qprune.GroupScore.$Properties): qprune.GroupScore;
        static encode(m: qprune.GroupScore.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.GroupScore & qprune.GroupScore.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace GroupScore {
        interface $Properties {
            id?: (string|null);
            size?: (number|null);
            l1?: (Uint8Array|null);
            l2?: (Uint8Array|null);
            taylor?: (Uint8Array|null);
            fisher?: (Uint8Array|null);
            similarity?: (qprune.Tensor.$Properties|null);
            dead?: (number[]|null);
            fisherMatrix?: (qprune.Tensor.$Properties|null);
            pearson?: (qprune.Tensor.$Properties|null);
            fisherVariance?: (qprune.Tensor.$Properties|null);
            reconstruction?: (qprune.Tensor.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.GroupScore.$Properties;
    }

    interface IInputStats extends qprune.InputStats.$Properties {
    }

    class InputStats {
        constructor(p?: qprune.InputStats.$Properties);
        $unknowns?: Uint8Array[];
        layer: string;
        mean: Uint8Array;
        covariance: Uint8Array;
        static create(properties: qprune.InputStats.$Shape): qprune.InputStats & qprune.InputStats.$Shape;
        static create(properties?: qprune.InputStats.$Properties): qprune.InputStats;
        static encode(m: qprune.InputStats.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.InputStats & qprune.InputStats.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace InputStats {
        interface $Properties {
            layer?: (string|null);
            mean?: (Uint8Array|null);
            covariance?: (Uint8Array|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.InputStats.$Properties;
    }

    interface IInputStatsSet extends qprune.InputStatsSet.$Properties {
    }

    class InputStatsSet {
        constructor(p?: qprune.InputStatsSet.$Properties);
        $unknowns?: Uint8Array[];
        inputs: qprune.InputStats.$Properties[];
        static create(properties: qprune.InputStatsSet.$Shape): qprune.InputStatsSet & qprune.InputStatsSet.$Shape;
        static create(properties?: qprune.InputStatsSet.$Properties): qprune.InputStatsSet;
        static encode(m: qprune.InputStatsSet.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.InputStatsSet & qprune.InputStatsSet.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace InputStatsSet {
        interface $Properties {
            inputs?: (qprune.InputStats.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.InputStatsSet.$Properties;
    }

    interface ICrossFisher extends qprune.CrossFisher.$Properties {
    }

    class CrossFisher {
        constructor(p?: qprune.CrossFisher.$Properties);
        $unknowns?: Uint8Array[];
        a: string;
        b: string;
        matrix?: (qprune.Tensor.$Properties|null);
        static create(properties: qprune.CrossFisher.$Shape): qprune.CrossFisher & qprune.CrossFisher.$Shape;
        static create(properties?: qprune.CrossFisher.$Properties): qprune.CrossFisher;
        static encode(m: qprune.CrossFisher.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.CrossFisher & qprune.CrossFisher.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace CrossFisher {
        interface $Properties {
            a?: (string|null);
            b?: (string|null);
            matrix?: (qprune.Tensor.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.CrossFisher.$Properties;
    }

    interface IScoreResult extends qprune.ScoreResult.$Properties {
    }

    class ScoreResult {
        constructor(p?: qprune.ScoreResult.$Properties);
        $unknowns?: Uint8Array[];
        groups: qprune.GroupScore.$Properties[];
        samples: number;
        seconds: number;
        backend: string;
        inputStats: qprune.InputStats.$Properties[];
        cross: qprune.CrossFisher.$Properties[];
        static create(properties: qprune.ScoreResult.$Shape): qprune.ScoreResult & qprune.ScoreResult.$Shape;
        static create(properties?: qprune.ScoreResult.$Properties): qprune.ScoreResult;
        static encode(m: qprune.ScoreResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.ScoreResult & qprune.ScoreResult.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace ScoreResult {
        interface $Properties {
            groups?: (qprune.GroupScore.$Properties[]|null);
            samples?: (number|null);
            seconds?: (number|null);
            backend?: (string|null);
            inputStats?: (qprune.InputStats.$Properties[]|null);
            cross?: (qprune.CrossFisher.$Properties[]|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.ScoreResult.$Properties;
    }

    interface IErrorReply extends qprune.ErrorReply.$Properties {
    }

    class ErrorReply {
        constructor(p?: qprune.ErrorReply.$Properties);
        $unknowns?: Uint8Array[];
        code: string;
        message: string;
        retryable: boolean;
        static create(properties: qprune.ErrorReply.$Shape): qprune.ErrorReply & qprune.ErrorReply.$Shape;
        static create(properties?: qprune.ErrorReply.$Properties): qprune.ErrorReply;
        static encode(m: qprune.ErrorReply.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.ErrorReply & qprune.ErrorReply.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace ErrorReply {
        interface $Properties {
            code?: (string|null);
            message?: (string|null);
            retryable?: (boolean|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.ErrorReply.$Properties;
    }

    interface IJobResult extends qprune.JobResult.$Properties {
    }

    class JobResult {
        constructor(p?: qprune.JobResult.$Properties);
        $unknowns?: Uint8Array[];
        runId: string;
        jobId: string;
        worker: string;
        delivery: number;
        sampleSet?: (qprune.SampleSet.$Properties|null);
        eval?: (qprune.EvalResult.$Properties|null);
        score?: (qprune.ScoreResult.$Properties|null);
        error?: (qprune.ErrorReply.$Properties|null);
        run?: (qprune.RunResult.$Properties|null);
        denoise?: (qprune.DenoiseResult.$Properties|null);
        result?: ("sampleSet"|"eval"|"score"|"error"|"run"|"denoise");
        static create(properties: qprune.JobResult.$Shape): qprune.JobResult & qprune.JobResult.$Shape;
        static create(properties?: qprune.JobResult.$Properties): qprune.JobResult;
        static encode(m: qprune.JobResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.JobResult & qprune.JobResult.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace JobResult {
        interface $Properties {
            runId?: (string|null);
            jobId?: (string|null);
            worker?: (string|null);
            delivery?: (number|null);
            sampleSet?: (qprune.SampleSet.$Properties|null);
            "eval"?: (qprune.EvalResult.$Properties|null);
            score?: (qprune.ScoreResult.$Properties|null);
            error?: (qprune.ErrorReply.$Properties|null);
            run?: (qprune.RunResult.$Properties|null);
            denoise?: (qprune.DenoiseResult.$Properties|null);
            result?: ("sampleSet"|"eval"|"score"|"error"|"run"|"denoise");
            $unknowns?: Uint8Array[];
        }
        type $Shape = {
          runId?: string|null;
          jobId?: string|null;
          worker?: string|null;
          delivery?: number|null;
          sampleSet?: qprune.SampleSet.$Shape|null;
          "eval"?: qprune.EvalResult.$Shape|null;
          score?: qprune.ScoreResult.$Shape|null;
          error?: qprune.ErrorReply.$Shape|null;
          run?: qprune.RunResult.$Shape|null;
          denoise?: qprune.DenoiseResult.$Shape|null;
          $unknowns?: Uint8Array[];
        } & (
          ({ result?: undefined; sampleSet?: null; "eval"?: null; score?: null; error?: null; run?: null; denoise?: null }|{ result?: "sampleSet"; sampleSet: qprune.SampleSet.$Shape; "eval"?: null; score?: null; error?: null; run?: null; denoise?: null }|{ result?: "eval"; sampleSet?: null; "eval": qprune.EvalResult.$Shape; score?: null; error?: null; run?: null; denoise?: null }|{ result?: "score"; sampleSet?: null; "eval"?: null; score: qprune.ScoreResult.$Shape; error?: null; run?: null; denoise?: null }|{ result?: "error"; sampleSet?: null; "eval"?: null; score?: null; error: qprune.ErrorReply.$Shape; run?: null; denoise?: null }|{ result?: "run"; sampleSet?: null; "eval"?: null; score?: null; error?: null; run: qprune.RunResult.$Shape; denoise?: null }|{ result?: "denoise"; sampleSet?: null; "eval"?: null; score?: null; error?: null; run?: null; denoise: qprune.DenoiseResult.$Shape })
        );
    }

    interface IDenoiseJob extends qprune.DenoiseJob.$Properties {
    }

    class DenoiseJob {
        constructor(p?: qprune.DenoiseJob.$Properties);
        $unknowns?: Uint8Array[];
        runId: string;
        jobId: string;
        modelKey: string;
        image?: (qprune.Tensor.$Properties|null);
        static create(properties: qprune.DenoiseJob.$Shape): qprune.DenoiseJob & qprune.DenoiseJob.$Shape;
        static create(properties?: qprune.DenoiseJob.$Properties): qprune.DenoiseJob;
        static encode(m: qprune.DenoiseJob.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.DenoiseJob & qprune.DenoiseJob.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace DenoiseJob {
        interface $Properties {
            runId?: (string|null);
            jobId?: (string|null);
            modelKey?: (string|null);
            image?: (qprune.Tensor.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.DenoiseJob.$Properties;
    }

    interface IDenoiseResult extends qprune.DenoiseResult.$Properties {
    }

    class DenoiseResult {
        constructor(p?: qprune.DenoiseResult.$Properties);
        $unknowns?: Uint8Array[];
        image?: (qprune.Tensor.$Properties|null);
        static create(properties: qprune.DenoiseResult.$Shape): qprune.DenoiseResult & qprune.DenoiseResult.$Shape;
        static create(properties?: qprune.DenoiseResult.$Properties): qprune.DenoiseResult;
        static encode(m: qprune.DenoiseResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.DenoiseResult & qprune.DenoiseResult.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace DenoiseResult {
        interface $Properties {
            image?: (qprune.Tensor.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.DenoiseResult.$Properties;
    }

    interface IRunResult extends qprune.RunResult.$Properties {
    }

    class RunResult {
        constructor(p?: qprune.RunResult.$Properties);
        $unknowns?: Uint8Array[];
        out: string;
        summary: string;
        static create(properties: qprune.RunResult.$Shape): qprune.RunResult & qprune.RunResult.$Shape;
        static create(properties?: qprune.RunResult.$Properties): qprune.RunResult;
        static encode(m: qprune.RunResult.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.RunResult & qprune.RunResult.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace RunResult {
        interface $Properties {
            out?: (string|null);
            summary?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.RunResult.$Properties;
    }

    interface IRunSpec extends qprune.RunSpec.$Properties {
    }

    class RunSpec {
        constructor(p?: qprune.RunSpec.$Properties);
        $unknowns?: Uint8Array[];
        runId: string;
        job?: (qprune.PruneJobSpec.$Properties|null);
        static create(properties: qprune.RunSpec.$Shape): qprune.RunSpec & qprune.RunSpec.$Shape;
        static create(properties?: qprune.RunSpec.$Properties): qprune.RunSpec;
        static encode(m: qprune.RunSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.RunSpec & qprune.RunSpec.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace RunSpec {
        interface $Properties {
            runId?: (string|null);
            job?: (qprune.PruneJobSpec.$Properties|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.RunSpec.$Properties;
    }

    interface IPruneJobSpec extends qprune.PruneJobSpec.$Properties {
    }

    class PruneJobSpec {
        constructor(p?: qprune.PruneJobSpec.$Properties);
        $unknowns?: Uint8Array[];
        model: string;
        data: string;
        noise: string;
        sparsity: number;
        budget: string;
        method: string;
        formulation?: (qprune.Formulation.$Properties|null);
        refine?: (qprune.RefineSpec.$Properties|null);
        finetune?: (qprune.FinetuneSpec.$Properties|null);
        calibration?: (qprune.CalibrationSpec.$Properties|null);
        validation?: (qprune.ValidationSpec.$Properties|null);
        sweep: number[];
        noSweep: boolean;
        seed: number;
        out: string;
        force: boolean;
        budgetBy: string;
        selection: string;
        tune: boolean;
        steps: number;
        compensate: string;
        test: string;
        static create(properties: qprune.PruneJobSpec.$Shape): qprune.PruneJobSpec & qprune.PruneJobSpec.$Shape;
        static create(properties?: qprune.PruneJobSpec.$Properties): qprune.PruneJobSpec;
        static encode(m: qprune.PruneJobSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.PruneJobSpec & qprune.PruneJobSpec.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace PruneJobSpec {
        interface $Properties {
            model?: (string|null);
            data?: (string|null);
            noise?: (string|null);
            sparsity?: (number|null);
            budget?: (string|null);
            method?: (string|null);
            formulation?: (qprune.Formulation.$Properties|null);
            refine?: (qprune.RefineSpec.$Properties|null);
            finetune?: (qprune.FinetuneSpec.$Properties|null);
            calibration?: (qprune.CalibrationSpec.$Properties|null);
            validation?: (qprune.ValidationSpec.$Properties|null);
            sweep?: (number[]|null);
            noSweep?: (boolean|null);
            seed?: (number|null);
            out?: (string|null);
            force?: (boolean|null);
            budgetBy?: (string|null);
            selection?: (string|null);
            tune?: (boolean|null);
            steps?: (number|null);
            compensate?: (string|null);
            test?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.PruneJobSpec.$Properties;
    }

    interface IFormulation extends qprune.Formulation.$Properties {
    }

    class Formulation {
        constructor(p?: qprune.Formulation.$Properties);
        $unknowns?: Uint8Array[];
        weights: { [k: string]: number };
        static create(properties: qprune.Formulation.$Shape): qprune.Formulation & qprune.Formulation.$Shape;
        static create(properties?: qprune.Formulation.$Properties): qprune.Formulation;
        static encode(m: qprune.Formulation.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.Formulation & qprune.Formulation.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace Formulation {
        interface $Properties {
            weights?: ({ [k: string]: number }|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.Formulation.$Properties;
    }

    interface IRefineSpec extends qprune.RefineSpec.$Properties {
    }

    class RefineSpec {
        constructor(p?: qprune.RefineSpec.$Properties);
        $unknowns?: Uint8Array[];
        method: string;
        budget: number;
        scope: string;
        moves?: (number|null);
        finalists: number;
        finalistCrop: number;
        finalistPick: string;
        continuation: number;
        continuationCrop: number;
        static create(properties: qprune.RefineSpec.$Shape): qprune.RefineSpec & qprune.RefineSpec.$Shape;
        static create(properties?: qprune.RefineSpec.$Properties): qprune.RefineSpec;
        static encode(m: qprune.RefineSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.RefineSpec & qprune.RefineSpec.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace RefineSpec {
        interface $Properties {
            method?: (string|null);
            budget?: (number|null);
            scope?: (string|null);
            moves?: (number|null);
            finalists?: (number|null);
            finalistCrop?: (number|null);
            finalistPick?: (string|null);
            continuation?: (number|null);
            continuationCrop?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.RefineSpec.$Properties;
    }

    interface IFinetuneSpec extends qprune.FinetuneSpec.$Properties {
    }

    class FinetuneSpec {
        constructor(p?: qprune.FinetuneSpec.$Properties);
        $unknowns?: Uint8Array[];
        steps: number;
        learningRate: number;
        distill: number;
        batchNorm: string;
        static create(properties: qprune.FinetuneSpec.$Shape): qprune.FinetuneSpec & qprune.FinetuneSpec.$Shape;
        static create(properties?: qprune.FinetuneSpec.$Properties): qprune.FinetuneSpec;
        static encode(m: qprune.FinetuneSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.FinetuneSpec & qprune.FinetuneSpec.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace FinetuneSpec {
        interface $Properties {
            steps?: (number|null);
            learningRate?: (number|null);
            distill?: (number|null);
            batchNorm?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.FinetuneSpec.$Properties;
    }

    interface ICalibrationSpec extends qprune.CalibrationSpec.$Properties {
    }

    class CalibrationSpec {
        constructor(p?: qprune.CalibrationSpec.$Properties);
        $unknowns?: Uint8Array[];
        samples: number;
        patch: number;
        batch: number;
        engine: string;
        coupleLayers?: (number|null);
        static create(properties: qprune.CalibrationSpec.$Shape): qprune.CalibrationSpec & qprune.CalibrationSpec.$Shape;
        static create(properties?: qprune.CalibrationSpec.$Properties): qprune.CalibrationSpec;
        static encode(m: qprune.CalibrationSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.CalibrationSpec & qprune.CalibrationSpec.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace CalibrationSpec {
        interface $Properties {
            samples?: (number|null);
            patch?: (number|null);
            batch?: (number|null);
            engine?: (string|null);
            coupleLayers?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.CalibrationSpec.$Properties;
    }

    interface IValidationSpec extends qprune.ValidationSpec.$Properties {
    }

    class ValidationSpec {
        constructor(p?: qprune.ValidationSpec.$Properties);
        $unknowns?: Uint8Array[];
        count: number;
        crop: number;
        margin: number;
        static create(properties: qprune.ValidationSpec.$Shape): qprune.ValidationSpec & qprune.ValidationSpec.$Shape;
        static create(properties?: qprune.ValidationSpec.$Properties): qprune.ValidationSpec;
        static encode(m: qprune.ValidationSpec.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.ValidationSpec & qprune.ValidationSpec.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace ValidationSpec {
        interface $Properties {
            count?: (number|null);
            crop?: (number|null);
            margin?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.ValidationSpec.$Properties;
    }

    interface IProgress extends qprune.Progress.$Properties {
    }

    class Progress {
        constructor(p?: qprune.Progress.$Properties);
        $unknowns?: Uint8Array[];
        runId: string;
        stage: string;
        done: number;
        total: number;
        message: string;
        static create(properties: qprune.Progress.$Shape): qprune.Progress & qprune.Progress.$Shape;
        static create(properties?: qprune.Progress.$Properties): qprune.Progress;
        static encode(m: qprune.Progress.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.Progress & qprune.Progress.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace Progress {
        interface $Properties {
            runId?: (string|null);
            stage?: (string|null);
            done?: (number|null);
            total?: (number|null);
            message?: (string|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.Progress.$Properties;
    }

    interface IHeartbeat extends qprune.Heartbeat.$Properties {
    }

    class Heartbeat {
        constructor(p?: qprune.Heartbeat.$Properties);
        $unknowns?: Uint8Array[];
        service: string;
        instance: string;
        jobsDone: number;
        jobsFailed: number;
        busy: number;
        concurrency: number;
        backend: string;
        jobsRedelivered: number;
        jobsReused: number;
        jobsStarted: number;
        static create(properties: qprune.Heartbeat.$Shape): qprune.Heartbeat & qprune.Heartbeat.$Shape;
        static create(properties?: qprune.Heartbeat.$Properties): qprune.Heartbeat;
        static encode(m: qprune.Heartbeat.$Properties, w?: $protobuf.Writer): $protobuf.Writer;
        static decode(r: ($protobuf.Reader|Uint8Array), l?: number): qprune.Heartbeat & qprune.Heartbeat.$Shape;
        static getTypeUrl(prefix?: string): string;
    }

    namespace Heartbeat {
        interface $Properties {
            service?: (string|null);
            instance?: (string|null);
            jobsDone?: (number|null);
            jobsFailed?: (number|null);
            busy?: (number|null);
            concurrency?: (number|null);
            backend?: (string|null);
            jobsRedelivered?: (number|null);
            jobsReused?: (number|null);
            jobsStarted?: (number|null);
            $unknowns?: Uint8Array[];
        }
        type $Shape = qprune.Heartbeat.$Properties;
    }
}
