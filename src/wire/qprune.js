/*eslint-disable block-scoped-var, id-length, no-control-regex, no-magic-numbers, no-mixed-operators, no-prototype-builtins, no-redeclare, no-shadow, no-var, sort-vars, default-case, jsdoc/require-param*/
import $protobuf from "protobufjs/minimal.js";

// Common aliases
const $Reader = $protobuf.Reader, $Writer = $protobuf.Writer, $util = $protobuf.util;
const $Object = $util.global.Object, $undefined = $util.global.undefined, $Error = $util.global.Error, $RangeError = $util.global.RangeError;

// Exported root namespace
const $root = $protobuf.roots["default"] || ($protobuf.roots["default"] = {});

export const qprune = $root.qprune = (() => {

    /**
     * Namespace qprune.
     * @exports qprune
     * @namespace
     */
    const qprune = {};

    qprune.Tensor = (function() {

        /**
         * Properties of a Tensor.
         * @typedef {Object} qprune.Tensor.$Properties
         * @property {Array.<number>|null} [shape] Tensor shape
         * @property {Uint8Array|null} [data] Tensor data
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Tensor.
         * @memberof qprune
         * @interface ITensor
         * @augments qprune.Tensor.$Properties
         * @deprecated Use qprune.Tensor.$Properties instead.
         */

        /**
         * Shape of a Tensor.
         * @typedef {qprune.Tensor.$Properties} qprune.Tensor.$Shape
         */

        /**
         * Constructs a new Tensor.
         * @memberof qprune
         * @classdesc Represents a Tensor.
         * @constructor
         * @param {qprune.Tensor.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Tensor = function (p) {
            this.shape = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Tensor shape.
         * @member {Array.<number>} shape
         * @memberof qprune.Tensor
         * @instance
         */
        Tensor.prototype.shape = $util.emptyArray;

        /**
         * Tensor data.
         * @member {Uint8Array} data
         * @memberof qprune.Tensor
         * @instance
         */
        Tensor.prototype.data = $util.newBuffer([]);

        /**
         * Creates a new Tensor instance using the specified properties.
         * @function create
         * @memberof qprune.Tensor
         * @static
         * @param {qprune.Tensor.$Properties=} [properties] Properties to set
         * @returns {qprune.Tensor} Tensor instance
         * @type {{
         *   (properties: qprune.Tensor.$Shape): qprune.Tensor & qprune.Tensor.$Shape;
         *   (properties?: qprune.Tensor.$Properties): qprune.Tensor;
         * }}
         */
        Tensor.create = function(properties) {
            return new Tensor(properties);
        };

        /**
         * Encodes the specified Tensor message. Does not implicitly {@link qprune.Tensor.verify|verify} messages.
         * @function encode
         * @memberof qprune.Tensor
         * @static
         * @param {qprune.Tensor.$Properties} m Tensor message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Tensor.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.shape != null && m.shape.length) {
                w.uint32(/* id 1, wireType 2 =*/10).uint32s(m.shape);
            }
            if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data.length)
                w.uint32(/* id 2, wireType 2 =*/18).bytes(m.data);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a Tensor message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.Tensor
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.Tensor & qprune.Tensor.$Shape} Tensor
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Tensor.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.Tensor();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u === 2) {
                            if (!(m.shape && m.shape.length))
                                m.shape = [];
                            r.uint32s(m.shape);
                            continue;
                        }
                        if (u !== 0)
                            break;
                        if (!(m.shape && m.shape.length))
                            m.shape = [];
                        m.shape.push(r.uint32());
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.data = v;
                        else
                            delete m.data;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for Tensor
         * @function getTypeUrl
         * @memberof qprune.Tensor
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Tensor.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.Tensor";
        };

        return Tensor;
    })();

    qprune.SolveJob = (function() {

        /**
         * Properties of a SolveJob.
         * @typedef {Object} qprune.SolveJob.$Properties
         * @property {string|null} [runId] SolveJob runId
         * @property {string|null} [jobId] SolveJob jobId
         * @property {string|null} [groupId] SolveJob groupId
         * @property {number|null} [n] SolveJob n
         * @property {Uint8Array|null} [lin] SolveJob lin
         * @property {Uint8Array|null} [couplings] SolveJob couplings
         * @property {number|null} [k] SolveJob k
         * @property {string|null} [sampler] SolveJob sampler
         * @property {number|null} [reads] SolveJob reads
         * @property {number|null} [sweeps] SolveJob sweeps
         * @property {number|null} [seed] SolveJob seed
         * @property {number|null} [mu] SolveJob mu
         * @property {Array.<Uint8Array>|null} [initialStates] SolveJob initialStates
         * @property {number|null} [firstRead] SolveJob firstRead
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SolveJob.
         * @memberof qprune
         * @interface ISolveJob
         * @augments qprune.SolveJob.$Properties
         * @deprecated Use qprune.SolveJob.$Properties instead.
         */

        /**
         * Shape of a SolveJob.
         * @typedef {qprune.SolveJob.$Properties} qprune.SolveJob.$Shape
         */

        /**
         * Constructs a new SolveJob.
         * @memberof qprune
         * @classdesc Represents a SolveJob.
         * @constructor
         * @param {qprune.SolveJob.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SolveJob = function (p) {
            this.initialStates = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * SolveJob runId.
         * @member {string} runId
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.runId = "";

        /**
         * SolveJob jobId.
         * @member {string} jobId
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.jobId = "";

        /**
         * SolveJob groupId.
         * @member {string} groupId
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.groupId = "";

        /**
         * SolveJob n.
         * @member {number} n
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.n = 0;

        /**
         * SolveJob lin.
         * @member {Uint8Array} lin
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.lin = $util.newBuffer([]);

        /**
         * SolveJob couplings.
         * @member {Uint8Array} couplings
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.couplings = $util.newBuffer([]);

        /**
         * SolveJob k.
         * @member {number} k
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.k = 0;

        /**
         * SolveJob sampler.
         * @member {string} sampler
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.sampler = "";

        /**
         * SolveJob reads.
         * @member {number} reads
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.reads = 0;

        /**
         * SolveJob sweeps.
         * @member {number} sweeps
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.sweeps = 0;

        /**
         * SolveJob seed.
         * @member {number} seed
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.seed = 0;

        /**
         * SolveJob mu.
         * @member {number} mu
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.mu = 0;

        /**
         * SolveJob initialStates.
         * @member {Array.<Uint8Array>} initialStates
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.initialStates = $util.emptyArray;

        /**
         * SolveJob firstRead.
         * @member {number} firstRead
         * @memberof qprune.SolveJob
         * @instance
         */
        SolveJob.prototype.firstRead = 0;

        /**
         * Creates a new SolveJob instance using the specified properties.
         * @function create
         * @memberof qprune.SolveJob
         * @static
         * @param {qprune.SolveJob.$Properties=} [properties] Properties to set
         * @returns {qprune.SolveJob} SolveJob instance
         * @type {{
         *   (properties: qprune.SolveJob.$Shape): qprune.SolveJob & qprune.SolveJob.$Shape;
         *   (properties?: qprune.SolveJob.$Properties): qprune.SolveJob;
         * }}
         */
        SolveJob.create = function(properties) {
            return new SolveJob(properties);
        };

        /**
         * Encodes the specified SolveJob message. Does not implicitly {@link qprune.SolveJob.verify|verify} messages.
         * @function encode
         * @memberof qprune.SolveJob
         * @static
         * @param {qprune.SolveJob.$Properties} m SolveJob message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SolveJob.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
            if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId") && m.jobId !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.jobId);
            if (m.groupId != null && $Object.hasOwnProperty.call(m, "groupId") && m.groupId !== "")
                w.uint32(/* id 3, wireType 2 =*/26).string(m.groupId);
            if (m.n != null && $Object.hasOwnProperty.call(m, "n") && m.n !== 0)
                w.uint32(/* id 4, wireType 0 =*/32).uint32(m.n);
            if (m.lin != null && $Object.hasOwnProperty.call(m, "lin") && m.lin.length)
                w.uint32(/* id 5, wireType 2 =*/42).bytes(m.lin);
            if (m.couplings != null && $Object.hasOwnProperty.call(m, "couplings") && m.couplings.length)
                w.uint32(/* id 6, wireType 2 =*/50).bytes(m.couplings);
            if (m.k != null && $Object.hasOwnProperty.call(m, "k") && m.k !== 0)
                w.uint32(/* id 7, wireType 0 =*/56).int32(m.k);
            if (m.sampler != null && $Object.hasOwnProperty.call(m, "sampler") && m.sampler !== "")
                w.uint32(/* id 8, wireType 2 =*/66).string(m.sampler);
            if (m.reads != null && $Object.hasOwnProperty.call(m, "reads") && m.reads !== 0)
                w.uint32(/* id 9, wireType 0 =*/72).uint32(m.reads);
            if (m.sweeps != null && $Object.hasOwnProperty.call(m, "sweeps") && m.sweeps !== 0)
                w.uint32(/* id 10, wireType 0 =*/80).uint32(m.sweeps);
            if (m.seed != null && $Object.hasOwnProperty.call(m, "seed") && m.seed !== 0)
                w.uint32(/* id 11, wireType 0 =*/88).uint32(m.seed);
            if (m.mu != null && $Object.hasOwnProperty.call(m, "mu") && !$Object.is(m.mu, 0))
                w.uint32(/* id 12, wireType 1 =*/97).double(m.mu);
            if (m.initialStates != null && m.initialStates.length) {
                for (var i = 0; i < m.initialStates.length; ++i)
                    w.uint32(/* id 13, wireType 2 =*/106).bytes(m.initialStates[i]);
            }
            if (m.firstRead != null && $Object.hasOwnProperty.call(m, "firstRead") && m.firstRead !== 0)
                w.uint32(/* id 14, wireType 0 =*/112).uint32(m.firstRead);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a SolveJob message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.SolveJob
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.SolveJob & qprune.SolveJob.$Shape} SolveJob
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SolveJob.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.SolveJob();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.runId = v;
                        else
                            delete m.runId;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.jobId = v;
                        else
                            delete m.jobId;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.groupId = v;
                        else
                            delete m.groupId;
                        continue;
                    }
                case 4: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.n = v;
                        else
                            delete m.n;
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.lin = v;
                        else
                            delete m.lin;
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.couplings = v;
                        else
                            delete m.couplings;
                        continue;
                    }
                case 7: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.k = v;
                        else
                            delete m.k;
                        continue;
                    }
                case 8: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.sampler = v;
                        else
                            delete m.sampler;
                        continue;
                    }
                case 9: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.reads = v;
                        else
                            delete m.reads;
                        continue;
                    }
                case 10: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.sweeps = v;
                        else
                            delete m.sweeps;
                        continue;
                    }
                case 11: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.seed = v;
                        else
                            delete m.seed;
                        continue;
                    }
                case 12: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.mu = v;
                        else
                            delete m.mu;
                        continue;
                    }
                case 13: {
                        if (u !== 2)
                            break;
                        if (!(m.initialStates && m.initialStates.length))
                            m.initialStates = [];
                        m.initialStates.push(r.bytes());
                        continue;
                    }
                case 14: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.firstRead = v;
                        else
                            delete m.firstRead;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for SolveJob
         * @function getTypeUrl
         * @memberof qprune.SolveJob
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        SolveJob.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.SolveJob";
        };

        return SolveJob;
    })();

    qprune.SampleSet = (function() {

        /**
         * Properties of a SampleSet.
         * @typedef {Object} qprune.SampleSet.$Properties
         * @property {Array.<Uint8Array>|null} [samples] SampleSet samples
         * @property {Array.<number>|null} [energies] SampleSet energies
         * @property {Array.<number>|null} [occurrences] SampleSet occurrences
         * @property {number|null} [seconds] SampleSet seconds
         * @property {number|null} [proposals] SampleSet proposals
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a SampleSet.
         * @memberof qprune
         * @interface ISampleSet
         * @augments qprune.SampleSet.$Properties
         * @deprecated Use qprune.SampleSet.$Properties instead.
         */

        /**
         * Shape of a SampleSet.
         * @typedef {qprune.SampleSet.$Properties} qprune.SampleSet.$Shape
         */

        /**
         * Constructs a new SampleSet.
         * @memberof qprune
         * @classdesc Represents a SampleSet.
         * @constructor
         * @param {qprune.SampleSet.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const SampleSet = function (p) {
            this.samples = [];
            this.energies = [];
            this.occurrences = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * SampleSet samples.
         * @member {Array.<Uint8Array>} samples
         * @memberof qprune.SampleSet
         * @instance
         */
        SampleSet.prototype.samples = $util.emptyArray;

        /**
         * SampleSet energies.
         * @member {Array.<number>} energies
         * @memberof qprune.SampleSet
         * @instance
         */
        SampleSet.prototype.energies = $util.emptyArray;

        /**
         * SampleSet occurrences.
         * @member {Array.<number>} occurrences
         * @memberof qprune.SampleSet
         * @instance
         */
        SampleSet.prototype.occurrences = $util.emptyArray;

        /**
         * SampleSet seconds.
         * @member {number} seconds
         * @memberof qprune.SampleSet
         * @instance
         */
        SampleSet.prototype.seconds = 0;

        /**
         * SampleSet proposals.
         * @member {number} proposals
         * @memberof qprune.SampleSet
         * @instance
         */
        SampleSet.prototype.proposals = 0;

        /**
         * Creates a new SampleSet instance using the specified properties.
         * @function create
         * @memberof qprune.SampleSet
         * @static
         * @param {qprune.SampleSet.$Properties=} [properties] Properties to set
         * @returns {qprune.SampleSet} SampleSet instance
         * @type {{
         *   (properties: qprune.SampleSet.$Shape): qprune.SampleSet & qprune.SampleSet.$Shape;
         *   (properties?: qprune.SampleSet.$Properties): qprune.SampleSet;
         * }}
         */
        SampleSet.create = function(properties) {
            return new SampleSet(properties);
        };

        /**
         * Encodes the specified SampleSet message. Does not implicitly {@link qprune.SampleSet.verify|verify} messages.
         * @function encode
         * @memberof qprune.SampleSet
         * @static
         * @param {qprune.SampleSet.$Properties} m SampleSet message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        SampleSet.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.samples != null && m.samples.length) {
                for (var i = 0; i < m.samples.length; ++i)
                    w.uint32(/* id 1, wireType 2 =*/10).bytes(m.samples[i]);
            }
            if (m.energies != null && m.energies.length) {
                w.uint32(/* id 2, wireType 2 =*/18).doubles(m.energies);
            }
            if (m.occurrences != null && m.occurrences.length) {
                w.uint32(/* id 3, wireType 2 =*/26).uint32s(m.occurrences);
            }
            if (m.seconds != null && $Object.hasOwnProperty.call(m, "seconds") && !$Object.is(m.seconds, 0))
                w.uint32(/* id 4, wireType 1 =*/33).double(m.seconds);
            if (m.proposals != null && $Object.hasOwnProperty.call(m, "proposals") && !$Object.is(m.proposals, 0))
                w.uint32(/* id 5, wireType 1 =*/41).double(m.proposals);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a SampleSet message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.SampleSet
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.SampleSet & qprune.SampleSet.$Shape} SampleSet
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        SampleSet.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.SampleSet();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.samples && m.samples.length))
                            m.samples = [];
                        m.samples.push(r.bytes());
                        continue;
                    }
                case 2: {
                        if (u === 2) {
                            if (!(m.energies && m.energies.length))
                                m.energies = [];
                            r.doubles(m.energies);
                            continue;
                        }
                        if (u !== 1)
                            break;
                        if (!(m.energies && m.energies.length))
                            m.energies = [];
                        m.energies.push(r.double());
                        continue;
                    }
                case 3: {
                        if (u === 2) {
                            if (!(m.occurrences && m.occurrences.length))
                                m.occurrences = [];
                            r.uint32s(m.occurrences);
                            continue;
                        }
                        if (u !== 0)
                            break;
                        if (!(m.occurrences && m.occurrences.length))
                            m.occurrences = [];
                        m.occurrences.push(r.uint32());
                        continue;
                    }
                case 4: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.seconds = v;
                        else
                            delete m.seconds;
                        continue;
                    }
                case 5: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.proposals = v;
                        else
                            delete m.proposals;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for SampleSet
         * @function getTypeUrl
         * @memberof qprune.SampleSet
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        SampleSet.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.SampleSet";
        };

        return SampleSet;
    })();

    qprune.GroupMask = (function() {

        /**
         * Properties of a GroupMask.
         * @typedef {Object} qprune.GroupMask.$Properties
         * @property {string|null} [group] GroupMask group
         * @property {Uint8Array|null} [mask] GroupMask mask
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupMask.
         * @memberof qprune
         * @interface IGroupMask
         * @augments qprune.GroupMask.$Properties
         * @deprecated Use qprune.GroupMask.$Properties instead.
         */

        /**
         * Shape of a GroupMask.
         * @typedef {qprune.GroupMask.$Properties} qprune.GroupMask.$Shape
         */

        /**
         * Constructs a new GroupMask.
         * @memberof qprune
         * @classdesc Represents a GroupMask.
         * @constructor
         * @param {qprune.GroupMask.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const GroupMask = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * GroupMask group.
         * @member {string} group
         * @memberof qprune.GroupMask
         * @instance
         */
        GroupMask.prototype.group = "";

        /**
         * GroupMask mask.
         * @member {Uint8Array} mask
         * @memberof qprune.GroupMask
         * @instance
         */
        GroupMask.prototype.mask = $util.newBuffer([]);

        /**
         * Creates a new GroupMask instance using the specified properties.
         * @function create
         * @memberof qprune.GroupMask
         * @static
         * @param {qprune.GroupMask.$Properties=} [properties] Properties to set
         * @returns {qprune.GroupMask} GroupMask instance
         * @type {{
         *   (properties: qprune.GroupMask.$Shape): qprune.GroupMask & qprune.GroupMask.$Shape;
         *   (properties?: qprune.GroupMask.$Properties): qprune.GroupMask;
         * }}
         */
        GroupMask.create = function(properties) {
            return new GroupMask(properties);
        };

        /**
         * Encodes the specified GroupMask message. Does not implicitly {@link qprune.GroupMask.verify|verify} messages.
         * @function encode
         * @memberof qprune.GroupMask
         * @static
         * @param {qprune.GroupMask.$Properties} m GroupMask message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupMask.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.group != null && $Object.hasOwnProperty.call(m, "group") && m.group !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.group);
            if (m.mask != null && $Object.hasOwnProperty.call(m, "mask") && m.mask.length)
                w.uint32(/* id 2, wireType 2 =*/18).bytes(m.mask);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a GroupMask message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.GroupMask
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.GroupMask & qprune.GroupMask.$Shape} GroupMask
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupMask.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.GroupMask();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.group = v;
                        else
                            delete m.group;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.mask = v;
                        else
                            delete m.mask;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for GroupMask
         * @function getTypeUrl
         * @memberof qprune.GroupMask
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupMask.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.GroupMask";
        };

        return GroupMask;
    })();

    qprune.Candidate = (function() {

        /**
         * Properties of a Candidate.
         * @typedef {Object} qprune.Candidate.$Properties
         * @property {Array.<qprune.GroupMask.$Properties>|null} [masks] Candidate masks
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Candidate.
         * @memberof qprune
         * @interface ICandidate
         * @augments qprune.Candidate.$Properties
         * @deprecated Use qprune.Candidate.$Properties instead.
         */

        /**
         * Shape of a Candidate.
         * @typedef {qprune.Candidate.$Properties} qprune.Candidate.$Shape
         */

        /**
         * Constructs a new Candidate.
         * @memberof qprune
         * @classdesc Represents a Candidate.
         * @constructor
         * @param {qprune.Candidate.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Candidate = function (p) {
            this.masks = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Candidate masks.
         * @member {Array.<qprune.GroupMask.$Properties>} masks
         * @memberof qprune.Candidate
         * @instance
         */
        Candidate.prototype.masks = $util.emptyArray;

        /**
         * Creates a new Candidate instance using the specified properties.
         * @function create
         * @memberof qprune.Candidate
         * @static
         * @param {qprune.Candidate.$Properties=} [properties] Properties to set
         * @returns {qprune.Candidate} Candidate instance
         * @type {{
         *   (properties: qprune.Candidate.$Shape): qprune.Candidate & qprune.Candidate.$Shape;
         *   (properties?: qprune.Candidate.$Properties): qprune.Candidate;
         * }}
         */
        Candidate.create = function(properties) {
            return new Candidate(properties);
        };

        /**
         * Encodes the specified Candidate message. Does not implicitly {@link qprune.Candidate.verify|verify} messages.
         * @function encode
         * @memberof qprune.Candidate
         * @static
         * @param {qprune.Candidate.$Properties} m Candidate message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Candidate.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.masks != null && m.masks.length) {
                for (var i = 0; i < m.masks.length; ++i)
                    $root.qprune.GroupMask.encode(m.masks[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a Candidate message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.Candidate
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.Candidate & qprune.Candidate.$Shape} Candidate
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Candidate.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.Candidate();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.masks && m.masks.length))
                            m.masks = [];
                        m.masks.push($root.qprune.GroupMask.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for Candidate
         * @function getTypeUrl
         * @memberof qprune.Candidate
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Candidate.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.Candidate";
        };

        return Candidate;
    })();

    qprune.EvalJob = (function() {

        /**
         * Properties of an EvalJob.
         * @typedef {Object} qprune.EvalJob.$Properties
         * @property {string|null} [runId] EvalJob runId
         * @property {string|null} [jobId] EvalJob jobId
         * @property {string|null} [modelKey] EvalJob modelKey
         * @property {string|null} [batchKey] EvalJob batchKey
         * @property {Array.<qprune.Candidate.$Properties>|null} [candidates] EvalJob candidates
         * @property {boolean|null} [ssim] EvalJob ssim
         * @property {string|null} [compensation] EvalJob compensation
         * @property {string|null} [inputStatsKey] EvalJob inputStatsKey
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an EvalJob.
         * @memberof qprune
         * @interface IEvalJob
         * @augments qprune.EvalJob.$Properties
         * @deprecated Use qprune.EvalJob.$Properties instead.
         */

        /**
         * Shape of an EvalJob.
         * @typedef {qprune.EvalJob.$Properties} qprune.EvalJob.$Shape
         */

        /**
         * Constructs a new EvalJob.
         * @memberof qprune
         * @classdesc Represents an EvalJob.
         * @constructor
         * @param {qprune.EvalJob.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const EvalJob = function (p) {
            this.candidates = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * EvalJob runId.
         * @member {string} runId
         * @memberof qprune.EvalJob
         * @instance
         */
        EvalJob.prototype.runId = "";

        /**
         * EvalJob jobId.
         * @member {string} jobId
         * @memberof qprune.EvalJob
         * @instance
         */
        EvalJob.prototype.jobId = "";

        /**
         * EvalJob modelKey.
         * @member {string} modelKey
         * @memberof qprune.EvalJob
         * @instance
         */
        EvalJob.prototype.modelKey = "";

        /**
         * EvalJob batchKey.
         * @member {string} batchKey
         * @memberof qprune.EvalJob
         * @instance
         */
        EvalJob.prototype.batchKey = "";

        /**
         * EvalJob candidates.
         * @member {Array.<qprune.Candidate.$Properties>} candidates
         * @memberof qprune.EvalJob
         * @instance
         */
        EvalJob.prototype.candidates = $util.emptyArray;

        /**
         * EvalJob ssim.
         * @member {boolean} ssim
         * @memberof qprune.EvalJob
         * @instance
         */
        EvalJob.prototype.ssim = false;

        /**
         * EvalJob compensation.
         * @member {string} compensation
         * @memberof qprune.EvalJob
         * @instance
         */
        EvalJob.prototype.compensation = "";

        /**
         * EvalJob inputStatsKey.
         * @member {string} inputStatsKey
         * @memberof qprune.EvalJob
         * @instance
         */
        EvalJob.prototype.inputStatsKey = "";

        /**
         * Creates a new EvalJob instance using the specified properties.
         * @function create
         * @memberof qprune.EvalJob
         * @static
         * @param {qprune.EvalJob.$Properties=} [properties] Properties to set
         * @returns {qprune.EvalJob} EvalJob instance
         * @type {{
         *   (properties: qprune.EvalJob.$Shape): qprune.EvalJob & qprune.EvalJob.$Shape;
         *   (properties?: qprune.EvalJob.$Properties): qprune.EvalJob;
         * }}
         */
        EvalJob.create = function(properties) {
            return new EvalJob(properties);
        };

        /**
         * Encodes the specified EvalJob message. Does not implicitly {@link qprune.EvalJob.verify|verify} messages.
         * @function encode
         * @memberof qprune.EvalJob
         * @static
         * @param {qprune.EvalJob.$Properties} m EvalJob message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        EvalJob.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
            if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId") && m.jobId !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.jobId);
            if (m.modelKey != null && $Object.hasOwnProperty.call(m, "modelKey") && m.modelKey !== "")
                w.uint32(/* id 3, wireType 2 =*/26).string(m.modelKey);
            if (m.batchKey != null && $Object.hasOwnProperty.call(m, "batchKey") && m.batchKey !== "")
                w.uint32(/* id 4, wireType 2 =*/34).string(m.batchKey);
            if (m.candidates != null && m.candidates.length) {
                for (var i = 0; i < m.candidates.length; ++i)
                    $root.qprune.Candidate.encode(m.candidates[i], w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
            }
            if (m.ssim != null && $Object.hasOwnProperty.call(m, "ssim") && m.ssim !== false)
                w.uint32(/* id 6, wireType 0 =*/48).bool(m.ssim);
            if (m.compensation != null && $Object.hasOwnProperty.call(m, "compensation") && m.compensation !== "")
                w.uint32(/* id 7, wireType 2 =*/58).string(m.compensation);
            if (m.inputStatsKey != null && $Object.hasOwnProperty.call(m, "inputStatsKey") && m.inputStatsKey !== "")
                w.uint32(/* id 8, wireType 2 =*/66).string(m.inputStatsKey);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes an EvalJob message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.EvalJob
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.EvalJob & qprune.EvalJob.$Shape} EvalJob
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        EvalJob.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.EvalJob();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.runId = v;
                        else
                            delete m.runId;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.jobId = v;
                        else
                            delete m.jobId;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.modelKey = v;
                        else
                            delete m.modelKey;
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.batchKey = v;
                        else
                            delete m.batchKey;
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if (!(m.candidates && m.candidates.length))
                            m.candidates = [];
                        m.candidates.push($root.qprune.Candidate.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 6: {
                        if (u !== 0)
                            break;
                        if (v = r.bool())
                            m.ssim = v;
                        else
                            delete m.ssim;
                        continue;
                    }
                case 7: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.compensation = v;
                        else
                            delete m.compensation;
                        continue;
                    }
                case 8: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.inputStatsKey = v;
                        else
                            delete m.inputStatsKey;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for EvalJob
         * @function getTypeUrl
         * @memberof qprune.EvalJob
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        EvalJob.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.EvalJob";
        };

        return EvalJob;
    })();

    qprune.CandidateScore = (function() {

        /**
         * Properties of a CandidateScore.
         * @typedef {Object} qprune.CandidateScore.$Properties
         * @property {number|null} [psnr] CandidateScore psnr
         * @property {number|null} [ssim] CandidateScore ssim
         * @property {Array.<number>|null} [perImagePsnr] CandidateScore perImagePsnr
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CandidateScore.
         * @memberof qprune
         * @interface ICandidateScore
         * @augments qprune.CandidateScore.$Properties
         * @deprecated Use qprune.CandidateScore.$Properties instead.
         */

        /**
         * Shape of a CandidateScore.
         * @typedef {qprune.CandidateScore.$Properties} qprune.CandidateScore.$Shape
         */

        /**
         * Constructs a new CandidateScore.
         * @memberof qprune
         * @classdesc Represents a CandidateScore.
         * @constructor
         * @param {qprune.CandidateScore.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CandidateScore = function (p) {
            this.perImagePsnr = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * CandidateScore psnr.
         * @member {number} psnr
         * @memberof qprune.CandidateScore
         * @instance
         */
        CandidateScore.prototype.psnr = 0;

        /**
         * CandidateScore ssim.
         * @member {number} ssim
         * @memberof qprune.CandidateScore
         * @instance
         */
        CandidateScore.prototype.ssim = 0;

        /**
         * CandidateScore perImagePsnr.
         * @member {Array.<number>} perImagePsnr
         * @memberof qprune.CandidateScore
         * @instance
         */
        CandidateScore.prototype.perImagePsnr = $util.emptyArray;

        /**
         * Creates a new CandidateScore instance using the specified properties.
         * @function create
         * @memberof qprune.CandidateScore
         * @static
         * @param {qprune.CandidateScore.$Properties=} [properties] Properties to set
         * @returns {qprune.CandidateScore} CandidateScore instance
         * @type {{
         *   (properties: qprune.CandidateScore.$Shape): qprune.CandidateScore & qprune.CandidateScore.$Shape;
         *   (properties?: qprune.CandidateScore.$Properties): qprune.CandidateScore;
         * }}
         */
        CandidateScore.create = function(properties) {
            return new CandidateScore(properties);
        };

        /**
         * Encodes the specified CandidateScore message. Does not implicitly {@link qprune.CandidateScore.verify|verify} messages.
         * @function encode
         * @memberof qprune.CandidateScore
         * @static
         * @param {qprune.CandidateScore.$Properties} m CandidateScore message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CandidateScore.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.psnr != null && $Object.hasOwnProperty.call(m, "psnr") && !$Object.is(m.psnr, 0))
                w.uint32(/* id 1, wireType 1 =*/9).double(m.psnr);
            if (m.ssim != null && $Object.hasOwnProperty.call(m, "ssim") && !$Object.is(m.ssim, 0))
                w.uint32(/* id 2, wireType 1 =*/17).double(m.ssim);
            if (m.perImagePsnr != null && m.perImagePsnr.length) {
                w.uint32(/* id 3, wireType 2 =*/26).doubles(m.perImagePsnr);
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a CandidateScore message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.CandidateScore
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.CandidateScore & qprune.CandidateScore.$Shape} CandidateScore
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CandidateScore.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.CandidateScore();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.psnr = v;
                        else
                            delete m.psnr;
                        continue;
                    }
                case 2: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.ssim = v;
                        else
                            delete m.ssim;
                        continue;
                    }
                case 3: {
                        if (u === 2) {
                            if (!(m.perImagePsnr && m.perImagePsnr.length))
                                m.perImagePsnr = [];
                            r.doubles(m.perImagePsnr);
                            continue;
                        }
                        if (u !== 1)
                            break;
                        if (!(m.perImagePsnr && m.perImagePsnr.length))
                            m.perImagePsnr = [];
                        m.perImagePsnr.push(r.double());
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for CandidateScore
         * @function getTypeUrl
         * @memberof qprune.CandidateScore
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CandidateScore.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.CandidateScore";
        };

        return CandidateScore;
    })();

    qprune.EvalResult = (function() {

        /**
         * Properties of an EvalResult.
         * @typedef {Object} qprune.EvalResult.$Properties
         * @property {Array.<qprune.CandidateScore.$Properties>|null} [scores] EvalResult scores
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an EvalResult.
         * @memberof qprune
         * @interface IEvalResult
         * @augments qprune.EvalResult.$Properties
         * @deprecated Use qprune.EvalResult.$Properties instead.
         */

        /**
         * Shape of an EvalResult.
         * @typedef {qprune.EvalResult.$Properties} qprune.EvalResult.$Shape
         */

        /**
         * Constructs a new EvalResult.
         * @memberof qprune
         * @classdesc Represents an EvalResult.
         * @constructor
         * @param {qprune.EvalResult.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const EvalResult = function (p) {
            this.scores = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * EvalResult scores.
         * @member {Array.<qprune.CandidateScore.$Properties>} scores
         * @memberof qprune.EvalResult
         * @instance
         */
        EvalResult.prototype.scores = $util.emptyArray;

        /**
         * Creates a new EvalResult instance using the specified properties.
         * @function create
         * @memberof qprune.EvalResult
         * @static
         * @param {qprune.EvalResult.$Properties=} [properties] Properties to set
         * @returns {qprune.EvalResult} EvalResult instance
         * @type {{
         *   (properties: qprune.EvalResult.$Shape): qprune.EvalResult & qprune.EvalResult.$Shape;
         *   (properties?: qprune.EvalResult.$Properties): qprune.EvalResult;
         * }}
         */
        EvalResult.create = function(properties) {
            return new EvalResult(properties);
        };

        /**
         * Encodes the specified EvalResult message. Does not implicitly {@link qprune.EvalResult.verify|verify} messages.
         * @function encode
         * @memberof qprune.EvalResult
         * @static
         * @param {qprune.EvalResult.$Properties} m EvalResult message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        EvalResult.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.scores != null && m.scores.length) {
                for (var i = 0; i < m.scores.length; ++i)
                    $root.qprune.CandidateScore.encode(m.scores[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes an EvalResult message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.EvalResult
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.EvalResult & qprune.EvalResult.$Shape} EvalResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        EvalResult.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.EvalResult();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.scores && m.scores.length))
                            m.scores = [];
                        m.scores.push($root.qprune.CandidateScore.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for EvalResult
         * @function getTypeUrl
         * @memberof qprune.EvalResult
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        EvalResult.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.EvalResult";
        };

        return EvalResult;
    })();

    qprune.ScoreJob = (function() {

        /**
         * Properties of a ScoreJob.
         * @typedef {Object} qprune.ScoreJob.$Properties
         * @property {string|null} [runId] ScoreJob runId
         * @property {string|null} [jobId] ScoreJob jobId
         * @property {string|null} [modelKey] ScoreJob modelKey
         * @property {string|null} [data] ScoreJob data
         * @property {string|null} [noise] ScoreJob noise
         * @property {number|null} [samples] ScoreJob samples
         * @property {number|null} [patch] ScoreJob patch
         * @property {number|null} [batch] ScoreJob batch
         * @property {number|null} [seed] ScoreJob seed
         * @property {string|null} [patchesKey] ScoreJob patchesKey
         * @property {string|null} [engine] ScoreJob engine
         * @property {string|null} [removal] ScoreJob removal
         * @property {number|null} [coupleLayers] ScoreJob coupleLayers
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ScoreJob.
         * @memberof qprune
         * @interface IScoreJob
         * @augments qprune.ScoreJob.$Properties
         * @deprecated Use qprune.ScoreJob.$Properties instead.
         */

        /**
         * Shape of a ScoreJob.
         * @typedef {qprune.ScoreJob.$Properties} qprune.ScoreJob.$Shape
         */

        /**
         * Constructs a new ScoreJob.
         * @memberof qprune
         * @classdesc Represents a ScoreJob.
         * @constructor
         * @param {qprune.ScoreJob.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ScoreJob = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * ScoreJob runId.
         * @member {string} runId
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.runId = "";

        /**
         * ScoreJob jobId.
         * @member {string} jobId
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.jobId = "";

        /**
         * ScoreJob modelKey.
         * @member {string} modelKey
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.modelKey = "";

        /**
         * ScoreJob data.
         * @member {string} data
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.data = "";

        /**
         * ScoreJob noise.
         * @member {string} noise
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.noise = "";

        /**
         * ScoreJob samples.
         * @member {number} samples
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.samples = 0;

        /**
         * ScoreJob patch.
         * @member {number} patch
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.patch = 0;

        /**
         * ScoreJob batch.
         * @member {number} batch
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.batch = 0;

        /**
         * ScoreJob seed.
         * @member {number} seed
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.seed = 0;

        /**
         * ScoreJob patchesKey.
         * @member {string} patchesKey
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.patchesKey = "";

        /**
         * ScoreJob engine.
         * @member {string} engine
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.engine = "";

        /**
         * ScoreJob removal.
         * @member {string} removal
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.removal = "";

        /**
         * ScoreJob coupleLayers.
         * @member {number} coupleLayers
         * @memberof qprune.ScoreJob
         * @instance
         */
        ScoreJob.prototype.coupleLayers = 0;

        /**
         * Creates a new ScoreJob instance using the specified properties.
         * @function create
         * @memberof qprune.ScoreJob
         * @static
         * @param {qprune.ScoreJob.$Properties=} [properties] Properties to set
         * @returns {qprune.ScoreJob} ScoreJob instance
         * @type {{
         *   (properties: qprune.ScoreJob.$Shape): qprune.ScoreJob & qprune.ScoreJob.$Shape;
         *   (properties?: qprune.ScoreJob.$Properties): qprune.ScoreJob;
         * }}
         */
        ScoreJob.create = function(properties) {
            return new ScoreJob(properties);
        };

        /**
         * Encodes the specified ScoreJob message. Does not implicitly {@link qprune.ScoreJob.verify|verify} messages.
         * @function encode
         * @memberof qprune.ScoreJob
         * @static
         * @param {qprune.ScoreJob.$Properties} m ScoreJob message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ScoreJob.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
            if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId") && m.jobId !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.jobId);
            if (m.modelKey != null && $Object.hasOwnProperty.call(m, "modelKey") && m.modelKey !== "")
                w.uint32(/* id 3, wireType 2 =*/26).string(m.modelKey);
            if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data !== "")
                w.uint32(/* id 4, wireType 2 =*/34).string(m.data);
            if (m.noise != null && $Object.hasOwnProperty.call(m, "noise") && m.noise !== "")
                w.uint32(/* id 5, wireType 2 =*/42).string(m.noise);
            if (m.samples != null && $Object.hasOwnProperty.call(m, "samples") && m.samples !== 0)
                w.uint32(/* id 6, wireType 0 =*/48).uint32(m.samples);
            if (m.patch != null && $Object.hasOwnProperty.call(m, "patch") && m.patch !== 0)
                w.uint32(/* id 7, wireType 0 =*/56).uint32(m.patch);
            if (m.batch != null && $Object.hasOwnProperty.call(m, "batch") && m.batch !== 0)
                w.uint32(/* id 8, wireType 0 =*/64).uint32(m.batch);
            if (m.seed != null && $Object.hasOwnProperty.call(m, "seed") && m.seed !== 0)
                w.uint32(/* id 9, wireType 0 =*/72).uint32(m.seed);
            if (m.patchesKey != null && $Object.hasOwnProperty.call(m, "patchesKey") && m.patchesKey !== "")
                w.uint32(/* id 10, wireType 2 =*/82).string(m.patchesKey);
            if (m.engine != null && $Object.hasOwnProperty.call(m, "engine") && m.engine !== "")
                w.uint32(/* id 11, wireType 2 =*/90).string(m.engine);
            if (m.removal != null && $Object.hasOwnProperty.call(m, "removal") && m.removal !== "")
                w.uint32(/* id 12, wireType 2 =*/98).string(m.removal);
            if (m.coupleLayers != null && $Object.hasOwnProperty.call(m, "coupleLayers") && m.coupleLayers !== 0)
                w.uint32(/* id 13, wireType 0 =*/104).uint32(m.coupleLayers);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a ScoreJob message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.ScoreJob
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.ScoreJob & qprune.ScoreJob.$Shape} ScoreJob
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ScoreJob.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.ScoreJob();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.runId = v;
                        else
                            delete m.runId;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.jobId = v;
                        else
                            delete m.jobId;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.modelKey = v;
                        else
                            delete m.modelKey;
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.data = v;
                        else
                            delete m.data;
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.noise = v;
                        else
                            delete m.noise;
                        continue;
                    }
                case 6: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.samples = v;
                        else
                            delete m.samples;
                        continue;
                    }
                case 7: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.patch = v;
                        else
                            delete m.patch;
                        continue;
                    }
                case 8: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.batch = v;
                        else
                            delete m.batch;
                        continue;
                    }
                case 9: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.seed = v;
                        else
                            delete m.seed;
                        continue;
                    }
                case 10: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.patchesKey = v;
                        else
                            delete m.patchesKey;
                        continue;
                    }
                case 11: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.engine = v;
                        else
                            delete m.engine;
                        continue;
                    }
                case 12: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.removal = v;
                        else
                            delete m.removal;
                        continue;
                    }
                case 13: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.coupleLayers = v;
                        else
                            delete m.coupleLayers;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for ScoreJob
         * @function getTypeUrl
         * @memberof qprune.ScoreJob
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ScoreJob.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.ScoreJob";
        };

        return ScoreJob;
    })();

    qprune.GroupScore = (function() {

        /**
         * Properties of a GroupScore.
         * @typedef {Object} qprune.GroupScore.$Properties
         * @property {string|null} [id] GroupScore id
         * @property {number|null} [size] GroupScore size
         * @property {Uint8Array|null} [l1] GroupScore l1
         * @property {Uint8Array|null} [l2] GroupScore l2
         * @property {Uint8Array|null} [taylor] GroupScore taylor
         * @property {Uint8Array|null} [fisher] GroupScore fisher
         * @property {qprune.Tensor.$Properties|null} [similarity] GroupScore similarity
         * @property {Array.<number>|null} [dead] GroupScore dead
         * @property {qprune.Tensor.$Properties|null} [fisherMatrix] GroupScore fisherMatrix
         * @property {qprune.Tensor.$Properties|null} [pearson] GroupScore pearson
         * @property {qprune.Tensor.$Properties|null} [fisherVariance] GroupScore fisherVariance
         * @property {qprune.Tensor.$Properties|null} [reconstruction] GroupScore reconstruction
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a GroupScore.
         * @memberof qprune
         * @interface IGroupScore
         * @augments qprune.GroupScore.$Properties
         * @deprecated Use qprune.GroupScore.$Properties instead.
         */

        /**
         * Shape of a GroupScore.
         * @typedef {qprune.GroupScore.$Properties} qprune.GroupScore.$Shape
         */

        /**
         * Constructs a new GroupScore.
         * @memberof qprune
         * @classdesc Represents a GroupScore.
         * @constructor
         * @param {qprune.GroupScore.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const GroupScore = function (p) {
            this.dead = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * GroupScore id.
         * @member {string} id
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.id = "";

        /**
         * GroupScore size.
         * @member {number} size
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.size = 0;

        /**
         * GroupScore l1.
         * @member {Uint8Array} l1
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.l1 = $util.newBuffer([]);

        /**
         * GroupScore l2.
         * @member {Uint8Array} l2
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.l2 = $util.newBuffer([]);

        /**
         * GroupScore taylor.
         * @member {Uint8Array} taylor
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.taylor = $util.newBuffer([]);

        /**
         * GroupScore fisher.
         * @member {Uint8Array} fisher
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.fisher = $util.newBuffer([]);

        /**
         * GroupScore similarity.
         * @member {qprune.Tensor.$Properties|null|undefined} similarity
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.similarity = null;

        /**
         * GroupScore dead.
         * @member {Array.<number>} dead
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.dead = $util.emptyArray;

        /**
         * GroupScore fisherMatrix.
         * @member {qprune.Tensor.$Properties|null|undefined} fisherMatrix
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.fisherMatrix = null;

        /**
         * GroupScore pearson.
         * @member {qprune.Tensor.$Properties|null|undefined} pearson
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.pearson = null;

        /**
         * GroupScore fisherVariance.
         * @member {qprune.Tensor.$Properties|null|undefined} fisherVariance
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.fisherVariance = null;

        /**
         * GroupScore reconstruction.
         * @member {qprune.Tensor.$Properties|null|undefined} reconstruction
         * @memberof qprune.GroupScore
         * @instance
         */
        GroupScore.prototype.reconstruction = null;

        /**
         * Creates a new GroupScore instance using the specified properties.
         * @function create
         * @memberof qprune.GroupScore
         * @static
         * @param {qprune.GroupScore.$Properties=} [properties] Properties to set
         * @returns {qprune.GroupScore} GroupScore instance
         * @type {{
         *   (properties: qprune.GroupScore.$Shape): qprune.GroupScore & qprune.GroupScore.$Shape;
         *   (properties?: qprune.GroupScore.$Properties): qprune.GroupScore;
         * }}
         */
        GroupScore.create = function(properties) {
            return new GroupScore(properties);
        };

        /**
         * Encodes the specified GroupScore message. Does not implicitly {@link qprune.GroupScore.verify|verify} messages.
         * @function encode
         * @memberof qprune.GroupScore
         * @static
         * @param {qprune.GroupScore.$Properties} m GroupScore message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        GroupScore.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.id != null && $Object.hasOwnProperty.call(m, "id") && m.id !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.id);
            if (m.size != null && $Object.hasOwnProperty.call(m, "size") && m.size !== 0)
                w.uint32(/* id 2, wireType 0 =*/16).uint32(m.size);
            if (m.l1 != null && $Object.hasOwnProperty.call(m, "l1") && m.l1.length)
                w.uint32(/* id 3, wireType 2 =*/26).bytes(m.l1);
            if (m.l2 != null && $Object.hasOwnProperty.call(m, "l2") && m.l2.length)
                w.uint32(/* id 4, wireType 2 =*/34).bytes(m.l2);
            if (m.taylor != null && $Object.hasOwnProperty.call(m, "taylor") && m.taylor.length)
                w.uint32(/* id 5, wireType 2 =*/42).bytes(m.taylor);
            if (m.fisher != null && $Object.hasOwnProperty.call(m, "fisher") && m.fisher.length)
                w.uint32(/* id 6, wireType 2 =*/50).bytes(m.fisher);
            if (m.similarity != null && $Object.hasOwnProperty.call(m, "similarity"))
                $root.qprune.Tensor.encode(m.similarity, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
            if (m.dead != null && m.dead.length) {
                w.uint32(/* id 8, wireType 2 =*/66).uint32s(m.dead);
            }
            if (m.fisherMatrix != null && $Object.hasOwnProperty.call(m, "fisherMatrix"))
                $root.qprune.Tensor.encode(m.fisherMatrix, w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
            if (m.pearson != null && $Object.hasOwnProperty.call(m, "pearson"))
                $root.qprune.Tensor.encode(m.pearson, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
            if (m.fisherVariance != null && $Object.hasOwnProperty.call(m, "fisherVariance"))
                $root.qprune.Tensor.encode(m.fisherVariance, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
            if (m.reconstruction != null && $Object.hasOwnProperty.call(m, "reconstruction"))
                $root.qprune.Tensor.encode(m.reconstruction, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a GroupScore message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.GroupScore
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.GroupScore & qprune.GroupScore.$Shape} GroupScore
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        GroupScore.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.GroupScore();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.id = v;
                        else
                            delete m.id;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.size = v;
                        else
                            delete m.size;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.l1 = v;
                        else
                            delete m.l1;
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.l2 = v;
                        else
                            delete m.l2;
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.taylor = v;
                        else
                            delete m.taylor;
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.fisher = v;
                        else
                            delete m.fisher;
                        continue;
                    }
                case 7: {
                        if (u !== 2)
                            break;
                        m.similarity = $root.qprune.Tensor.decode(r, r.size(), $undefined, q + 1, m.similarity);
                        continue;
                    }
                case 8: {
                        if (u === 2) {
                            if (!(m.dead && m.dead.length))
                                m.dead = [];
                            r.uint32s(m.dead);
                            continue;
                        }
                        if (u !== 0)
                            break;
                        if (!(m.dead && m.dead.length))
                            m.dead = [];
                        m.dead.push(r.uint32());
                        continue;
                    }
                case 9: {
                        if (u !== 2)
                            break;
                        m.fisherMatrix = $root.qprune.Tensor.decode(r, r.size(), $undefined, q + 1, m.fisherMatrix);
                        continue;
                    }
                case 10: {
                        if (u !== 2)
                            break;
                        m.pearson = $root.qprune.Tensor.decode(r, r.size(), $undefined, q + 1, m.pearson);
                        continue;
                    }
                case 11: {
                        if (u !== 2)
                            break;
                        m.fisherVariance = $root.qprune.Tensor.decode(r, r.size(), $undefined, q + 1, m.fisherVariance);
                        continue;
                    }
                case 12: {
                        if (u !== 2)
                            break;
                        m.reconstruction = $root.qprune.Tensor.decode(r, r.size(), $undefined, q + 1, m.reconstruction);
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for GroupScore
         * @function getTypeUrl
         * @memberof qprune.GroupScore
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        GroupScore.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.GroupScore";
        };

        return GroupScore;
    })();

    qprune.InputStats = (function() {

        /**
         * Properties of an InputStats.
         * @typedef {Object} qprune.InputStats.$Properties
         * @property {string|null} [layer] InputStats layer
         * @property {Uint8Array|null} [mean] InputStats mean
         * @property {Uint8Array|null} [covariance] InputStats covariance
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an InputStats.
         * @memberof qprune
         * @interface IInputStats
         * @augments qprune.InputStats.$Properties
         * @deprecated Use qprune.InputStats.$Properties instead.
         */

        /**
         * Shape of an InputStats.
         * @typedef {qprune.InputStats.$Properties} qprune.InputStats.$Shape
         */

        /**
         * Constructs a new InputStats.
         * @memberof qprune
         * @classdesc Represents an InputStats.
         * @constructor
         * @param {qprune.InputStats.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const InputStats = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * InputStats layer.
         * @member {string} layer
         * @memberof qprune.InputStats
         * @instance
         */
        InputStats.prototype.layer = "";

        /**
         * InputStats mean.
         * @member {Uint8Array} mean
         * @memberof qprune.InputStats
         * @instance
         */
        InputStats.prototype.mean = $util.newBuffer([]);

        /**
         * InputStats covariance.
         * @member {Uint8Array} covariance
         * @memberof qprune.InputStats
         * @instance
         */
        InputStats.prototype.covariance = $util.newBuffer([]);

        /**
         * Creates a new InputStats instance using the specified properties.
         * @function create
         * @memberof qprune.InputStats
         * @static
         * @param {qprune.InputStats.$Properties=} [properties] Properties to set
         * @returns {qprune.InputStats} InputStats instance
         * @type {{
         *   (properties: qprune.InputStats.$Shape): qprune.InputStats & qprune.InputStats.$Shape;
         *   (properties?: qprune.InputStats.$Properties): qprune.InputStats;
         * }}
         */
        InputStats.create = function(properties) {
            return new InputStats(properties);
        };

        /**
         * Encodes the specified InputStats message. Does not implicitly {@link qprune.InputStats.verify|verify} messages.
         * @function encode
         * @memberof qprune.InputStats
         * @static
         * @param {qprune.InputStats.$Properties} m InputStats message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        InputStats.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.layer != null && $Object.hasOwnProperty.call(m, "layer") && m.layer !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.layer);
            if (m.mean != null && $Object.hasOwnProperty.call(m, "mean") && m.mean.length)
                w.uint32(/* id 2, wireType 2 =*/18).bytes(m.mean);
            if (m.covariance != null && $Object.hasOwnProperty.call(m, "covariance") && m.covariance.length)
                w.uint32(/* id 3, wireType 2 =*/26).bytes(m.covariance);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes an InputStats message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.InputStats
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.InputStats & qprune.InputStats.$Shape} InputStats
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        InputStats.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.InputStats();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.layer = v;
                        else
                            delete m.layer;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.mean = v;
                        else
                            delete m.mean;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.bytes()).length)
                            m.covariance = v;
                        else
                            delete m.covariance;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for InputStats
         * @function getTypeUrl
         * @memberof qprune.InputStats
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        InputStats.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.InputStats";
        };

        return InputStats;
    })();

    qprune.InputStatsSet = (function() {

        /**
         * Properties of an InputStatsSet.
         * @typedef {Object} qprune.InputStatsSet.$Properties
         * @property {Array.<qprune.InputStats.$Properties>|null} [inputs] InputStatsSet inputs
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an InputStatsSet.
         * @memberof qprune
         * @interface IInputStatsSet
         * @augments qprune.InputStatsSet.$Properties
         * @deprecated Use qprune.InputStatsSet.$Properties instead.
         */

        /**
         * Shape of an InputStatsSet.
         * @typedef {qprune.InputStatsSet.$Properties} qprune.InputStatsSet.$Shape
         */

        /**
         * Constructs a new InputStatsSet.
         * @memberof qprune
         * @classdesc Represents an InputStatsSet.
         * @constructor
         * @param {qprune.InputStatsSet.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const InputStatsSet = function (p) {
            this.inputs = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * InputStatsSet inputs.
         * @member {Array.<qprune.InputStats.$Properties>} inputs
         * @memberof qprune.InputStatsSet
         * @instance
         */
        InputStatsSet.prototype.inputs = $util.emptyArray;

        /**
         * Creates a new InputStatsSet instance using the specified properties.
         * @function create
         * @memberof qprune.InputStatsSet
         * @static
         * @param {qprune.InputStatsSet.$Properties=} [properties] Properties to set
         * @returns {qprune.InputStatsSet} InputStatsSet instance
         * @type {{
         *   (properties: qprune.InputStatsSet.$Shape): qprune.InputStatsSet & qprune.InputStatsSet.$Shape;
         *   (properties?: qprune.InputStatsSet.$Properties): qprune.InputStatsSet;
         * }}
         */
        InputStatsSet.create = function(properties) {
            return new InputStatsSet(properties);
        };

        /**
         * Encodes the specified InputStatsSet message. Does not implicitly {@link qprune.InputStatsSet.verify|verify} messages.
         * @function encode
         * @memberof qprune.InputStatsSet
         * @static
         * @param {qprune.InputStatsSet.$Properties} m InputStatsSet message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        InputStatsSet.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.inputs != null && m.inputs.length) {
                for (var i = 0; i < m.inputs.length; ++i)
                    $root.qprune.InputStats.encode(m.inputs[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes an InputStatsSet message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.InputStatsSet
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.InputStatsSet & qprune.InputStatsSet.$Shape} InputStatsSet
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        InputStatsSet.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.InputStatsSet();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.inputs && m.inputs.length))
                            m.inputs = [];
                        m.inputs.push($root.qprune.InputStats.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for InputStatsSet
         * @function getTypeUrl
         * @memberof qprune.InputStatsSet
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        InputStatsSet.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.InputStatsSet";
        };

        return InputStatsSet;
    })();

    qprune.CrossFisher = (function() {

        /**
         * Properties of a CrossFisher.
         * @typedef {Object} qprune.CrossFisher.$Properties
         * @property {string|null} [a] CrossFisher a
         * @property {string|null} [b] CrossFisher b
         * @property {qprune.Tensor.$Properties|null} [matrix] CrossFisher matrix
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CrossFisher.
         * @memberof qprune
         * @interface ICrossFisher
         * @augments qprune.CrossFisher.$Properties
         * @deprecated Use qprune.CrossFisher.$Properties instead.
         */

        /**
         * Shape of a CrossFisher.
         * @typedef {qprune.CrossFisher.$Properties} qprune.CrossFisher.$Shape
         */

        /**
         * Constructs a new CrossFisher.
         * @memberof qprune
         * @classdesc Represents a CrossFisher.
         * @constructor
         * @param {qprune.CrossFisher.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CrossFisher = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * CrossFisher a.
         * @member {string} a
         * @memberof qprune.CrossFisher
         * @instance
         */
        CrossFisher.prototype.a = "";

        /**
         * CrossFisher b.
         * @member {string} b
         * @memberof qprune.CrossFisher
         * @instance
         */
        CrossFisher.prototype.b = "";

        /**
         * CrossFisher matrix.
         * @member {qprune.Tensor.$Properties|null|undefined} matrix
         * @memberof qprune.CrossFisher
         * @instance
         */
        CrossFisher.prototype.matrix = null;

        /**
         * Creates a new CrossFisher instance using the specified properties.
         * @function create
         * @memberof qprune.CrossFisher
         * @static
         * @param {qprune.CrossFisher.$Properties=} [properties] Properties to set
         * @returns {qprune.CrossFisher} CrossFisher instance
         * @type {{
         *   (properties: qprune.CrossFisher.$Shape): qprune.CrossFisher & qprune.CrossFisher.$Shape;
         *   (properties?: qprune.CrossFisher.$Properties): qprune.CrossFisher;
         * }}
         */
        CrossFisher.create = function(properties) {
            return new CrossFisher(properties);
        };

        /**
         * Encodes the specified CrossFisher message. Does not implicitly {@link qprune.CrossFisher.verify|verify} messages.
         * @function encode
         * @memberof qprune.CrossFisher
         * @static
         * @param {qprune.CrossFisher.$Properties} m CrossFisher message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CrossFisher.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.a != null && $Object.hasOwnProperty.call(m, "a") && m.a !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.a);
            if (m.b != null && $Object.hasOwnProperty.call(m, "b") && m.b !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.b);
            if (m.matrix != null && $Object.hasOwnProperty.call(m, "matrix"))
                $root.qprune.Tensor.encode(m.matrix, w.uint32(/* id 3, wireType 2 =*/26).fork(), q + 1).ldelim();
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a CrossFisher message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.CrossFisher
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.CrossFisher & qprune.CrossFisher.$Shape} CrossFisher
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CrossFisher.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.CrossFisher();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.a = v;
                        else
                            delete m.a;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.b = v;
                        else
                            delete m.b;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        m.matrix = $root.qprune.Tensor.decode(r, r.size(), $undefined, q + 1, m.matrix);
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for CrossFisher
         * @function getTypeUrl
         * @memberof qprune.CrossFisher
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CrossFisher.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.CrossFisher";
        };

        return CrossFisher;
    })();

    qprune.ScoreResult = (function() {

        /**
         * Properties of a ScoreResult.
         * @typedef {Object} qprune.ScoreResult.$Properties
         * @property {Array.<qprune.GroupScore.$Properties>|null} [groups] ScoreResult groups
         * @property {number|null} [samples] ScoreResult samples
         * @property {number|null} [seconds] ScoreResult seconds
         * @property {string|null} [backend] ScoreResult backend
         * @property {Array.<qprune.InputStats.$Properties>|null} [inputStats] ScoreResult inputStats
         * @property {Array.<qprune.CrossFisher.$Properties>|null} [cross] ScoreResult cross
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ScoreResult.
         * @memberof qprune
         * @interface IScoreResult
         * @augments qprune.ScoreResult.$Properties
         * @deprecated Use qprune.ScoreResult.$Properties instead.
         */

        /**
         * Shape of a ScoreResult.
         * @typedef {qprune.ScoreResult.$Properties} qprune.ScoreResult.$Shape
         */

        /**
         * Constructs a new ScoreResult.
         * @memberof qprune
         * @classdesc Represents a ScoreResult.
         * @constructor
         * @param {qprune.ScoreResult.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ScoreResult = function (p) {
            this.groups = [];
            this.inputStats = [];
            this.cross = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * ScoreResult groups.
         * @member {Array.<qprune.GroupScore.$Properties>} groups
         * @memberof qprune.ScoreResult
         * @instance
         */
        ScoreResult.prototype.groups = $util.emptyArray;

        /**
         * ScoreResult samples.
         * @member {number} samples
         * @memberof qprune.ScoreResult
         * @instance
         */
        ScoreResult.prototype.samples = 0;

        /**
         * ScoreResult seconds.
         * @member {number} seconds
         * @memberof qprune.ScoreResult
         * @instance
         */
        ScoreResult.prototype.seconds = 0;

        /**
         * ScoreResult backend.
         * @member {string} backend
         * @memberof qprune.ScoreResult
         * @instance
         */
        ScoreResult.prototype.backend = "";

        /**
         * ScoreResult inputStats.
         * @member {Array.<qprune.InputStats.$Properties>} inputStats
         * @memberof qprune.ScoreResult
         * @instance
         */
        ScoreResult.prototype.inputStats = $util.emptyArray;

        /**
         * ScoreResult cross.
         * @member {Array.<qprune.CrossFisher.$Properties>} cross
         * @memberof qprune.ScoreResult
         * @instance
         */
        ScoreResult.prototype.cross = $util.emptyArray;

        /**
         * Creates a new ScoreResult instance using the specified properties.
         * @function create
         * @memberof qprune.ScoreResult
         * @static
         * @param {qprune.ScoreResult.$Properties=} [properties] Properties to set
         * @returns {qprune.ScoreResult} ScoreResult instance
         * @type {{
         *   (properties: qprune.ScoreResult.$Shape): qprune.ScoreResult & qprune.ScoreResult.$Shape;
         *   (properties?: qprune.ScoreResult.$Properties): qprune.ScoreResult;
         * }}
         */
        ScoreResult.create = function(properties) {
            return new ScoreResult(properties);
        };

        /**
         * Encodes the specified ScoreResult message. Does not implicitly {@link qprune.ScoreResult.verify|verify} messages.
         * @function encode
         * @memberof qprune.ScoreResult
         * @static
         * @param {qprune.ScoreResult.$Properties} m ScoreResult message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ScoreResult.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.groups != null && m.groups.length) {
                for (var i = 0; i < m.groups.length; ++i)
                    $root.qprune.GroupScore.encode(m.groups[i], w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            }
            if (m.samples != null && $Object.hasOwnProperty.call(m, "samples") && m.samples !== 0)
                w.uint32(/* id 2, wireType 0 =*/16).uint32(m.samples);
            if (m.seconds != null && $Object.hasOwnProperty.call(m, "seconds") && !$Object.is(m.seconds, 0))
                w.uint32(/* id 3, wireType 1 =*/25).double(m.seconds);
            if (m.backend != null && $Object.hasOwnProperty.call(m, "backend") && m.backend !== "")
                w.uint32(/* id 4, wireType 2 =*/34).string(m.backend);
            if (m.inputStats != null && m.inputStats.length) {
                for (var i = 0; i < m.inputStats.length; ++i)
                    $root.qprune.InputStats.encode(m.inputStats[i], w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
            }
            if (m.cross != null && m.cross.length) {
                for (var i = 0; i < m.cross.length; ++i)
                    $root.qprune.CrossFisher.encode(m.cross[i], w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a ScoreResult message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.ScoreResult
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.ScoreResult & qprune.ScoreResult.$Shape} ScoreResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ScoreResult.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.ScoreResult();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (!(m.groups && m.groups.length))
                            m.groups = [];
                        m.groups.push($root.qprune.GroupScore.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.samples = v;
                        else
                            delete m.samples;
                        continue;
                    }
                case 3: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.seconds = v;
                        else
                            delete m.seconds;
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.backend = v;
                        else
                            delete m.backend;
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if (!(m.inputStats && m.inputStats.length))
                            m.inputStats = [];
                        m.inputStats.push($root.qprune.InputStats.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        if (!(m.cross && m.cross.length))
                            m.cross = [];
                        m.cross.push($root.qprune.CrossFisher.decode(r, r.size(), $undefined, q + 1));
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for ScoreResult
         * @function getTypeUrl
         * @memberof qprune.ScoreResult
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ScoreResult.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.ScoreResult";
        };

        return ScoreResult;
    })();

    qprune.ErrorReply = (function() {

        /**
         * Properties of an ErrorReply.
         * @typedef {Object} qprune.ErrorReply.$Properties
         * @property {string|null} [code] ErrorReply code
         * @property {string|null} [message] ErrorReply message
         * @property {boolean|null} [retryable] ErrorReply retryable
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of an ErrorReply.
         * @memberof qprune
         * @interface IErrorReply
         * @augments qprune.ErrorReply.$Properties
         * @deprecated Use qprune.ErrorReply.$Properties instead.
         */

        /**
         * Shape of an ErrorReply.
         * @typedef {qprune.ErrorReply.$Properties} qprune.ErrorReply.$Shape
         */

        /**
         * Constructs a new ErrorReply.
         * @memberof qprune
         * @classdesc Represents an ErrorReply.
         * @constructor
         * @param {qprune.ErrorReply.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ErrorReply = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * ErrorReply code.
         * @member {string} code
         * @memberof qprune.ErrorReply
         * @instance
         */
        ErrorReply.prototype.code = "";

        /**
         * ErrorReply message.
         * @member {string} message
         * @memberof qprune.ErrorReply
         * @instance
         */
        ErrorReply.prototype.message = "";

        /**
         * ErrorReply retryable.
         * @member {boolean} retryable
         * @memberof qprune.ErrorReply
         * @instance
         */
        ErrorReply.prototype.retryable = false;

        /**
         * Creates a new ErrorReply instance using the specified properties.
         * @function create
         * @memberof qprune.ErrorReply
         * @static
         * @param {qprune.ErrorReply.$Properties=} [properties] Properties to set
         * @returns {qprune.ErrorReply} ErrorReply instance
         * @type {{
         *   (properties: qprune.ErrorReply.$Shape): qprune.ErrorReply & qprune.ErrorReply.$Shape;
         *   (properties?: qprune.ErrorReply.$Properties): qprune.ErrorReply;
         * }}
         */
        ErrorReply.create = function(properties) {
            return new ErrorReply(properties);
        };

        /**
         * Encodes the specified ErrorReply message. Does not implicitly {@link qprune.ErrorReply.verify|verify} messages.
         * @function encode
         * @memberof qprune.ErrorReply
         * @static
         * @param {qprune.ErrorReply.$Properties} m ErrorReply message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ErrorReply.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.code != null && $Object.hasOwnProperty.call(m, "code") && m.code !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.code);
            if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.message);
            if (m.retryable != null && $Object.hasOwnProperty.call(m, "retryable") && m.retryable !== false)
                w.uint32(/* id 3, wireType 0 =*/24).bool(m.retryable);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes an ErrorReply message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.ErrorReply
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.ErrorReply & qprune.ErrorReply.$Shape} ErrorReply
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ErrorReply.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.ErrorReply();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.code = v;
                        else
                            delete m.code;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.message = v;
                        else
                            delete m.message;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (v = r.bool())
                            m.retryable = v;
                        else
                            delete m.retryable;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for ErrorReply
         * @function getTypeUrl
         * @memberof qprune.ErrorReply
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ErrorReply.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.ErrorReply";
        };

        return ErrorReply;
    })();

    qprune.JobResult = (function() {

        /**
         * Properties of a JobResult.
         * @typedef {Object} qprune.JobResult.$Properties
         * @property {string|null} [runId] JobResult runId
         * @property {string|null} [jobId] JobResult jobId
         * @property {string|null} [worker] JobResult worker
         * @property {number|null} [delivery] JobResult delivery
         * @property {qprune.SampleSet.$Properties|null} [sampleSet] JobResult sampleSet
         * @property {qprune.EvalResult.$Properties|null} ["eval"] JobResult eval
         * @property {qprune.ScoreResult.$Properties|null} [score] JobResult score
         * @property {qprune.ErrorReply.$Properties|null} [error] JobResult error
         * @property {qprune.RunResult.$Properties|null} [run] JobResult run
         * @property {qprune.DenoiseResult.$Properties|null} [denoise] JobResult denoise
         * @property {"sampleSet"|"eval"|"score"|"error"|"run"|"denoise"} [result] JobResult result
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a JobResult.
         * @memberof qprune
         * @interface IJobResult
         * @augments qprune.JobResult.$Properties
         * @deprecated Use qprune.JobResult.$Properties instead.
         */

        /**
         * Narrowed shape of a JobResult.
         * @typedef {{
         *   runId?: string|null;
         *   jobId?: string|null;
         *   worker?: string|null;
         *   delivery?: number|null;
         *   sampleSet?: qprune.SampleSet.$Shape|null;
         *   "eval"?: qprune.EvalResult.$Shape|null;
         *   score?: qprune.ScoreResult.$Shape|null;
         *   error?: qprune.ErrorReply.$Shape|null;
         *   run?: qprune.RunResult.$Shape|null;
         *   denoise?: qprune.DenoiseResult.$Shape|null;
         *   $unknowns?: Array.<Uint8Array>;
         * } & (
         *   ({ result?: undefined; sampleSet?: null; "eval"?: null; score?: null; error?: null; run?: null; denoise?: null }|{ result?: "sampleSet"; sampleSet: qprune.SampleSet.$Shape; "eval"?: null; score?: null; error?: null; run?: null; denoise?: null }|{ result?: "eval"; sampleSet?: null; "eval": qprune.EvalResult.$Shape; score?: null; error?: null; run?: null; denoise?: null }|{ result?: "score"; sampleSet?: null; "eval"?: null; score: qprune.ScoreResult.$Shape; error?: null; run?: null; denoise?: null }|{ result?: "error"; sampleSet?: null; "eval"?: null; score?: null; error: qprune.ErrorReply.$Shape; run?: null; denoise?: null }|{ result?: "run"; sampleSet?: null; "eval"?: null; score?: null; error?: null; run: qprune.RunResult.$Shape; denoise?: null }|{ result?: "denoise"; sampleSet?: null; "eval"?: null; score?: null; error?: null; run?: null; denoise: qprune.DenoiseResult.$Shape })
         * )} qprune.JobResult.$Shape
         */

        /**
         * Constructs a new JobResult.
         * @memberof qprune
         * @classdesc Represents a JobResult.
         * @constructor
         * @param {qprune.JobResult.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const JobResult = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * JobResult runId.
         * @member {string} runId
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype.runId = "";

        /**
         * JobResult jobId.
         * @member {string} jobId
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype.jobId = "";

        /**
         * JobResult worker.
         * @member {string} worker
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype.worker = "";

        /**
         * JobResult delivery.
         * @member {number} delivery
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype.delivery = 0;

        /**
         * JobResult sampleSet.
         * @member {qprune.SampleSet.$Properties|null|undefined} sampleSet
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype.sampleSet = null;

        /**
         * JobResult eval.
         * @member {qprune.EvalResult.$Properties|null|undefined} eval
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype["eval"] = null;

        /**
         * JobResult score.
         * @member {qprune.ScoreResult.$Properties|null|undefined} score
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype.score = null;

        /**
         * JobResult error.
         * @member {qprune.ErrorReply.$Properties|null|undefined} error
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype.error = null;

        /**
         * JobResult run.
         * @member {qprune.RunResult.$Properties|null|undefined} run
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype.run = null;

        /**
         * JobResult denoise.
         * @member {qprune.DenoiseResult.$Properties|null|undefined} denoise
         * @memberof qprune.JobResult
         * @instance
         */
        JobResult.prototype.denoise = null;

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        /**
         * JobResult result.
         * @member {"sampleSet"|"eval"|"score"|"error"|"run"|"denoise"|undefined} result
         * @memberof qprune.JobResult
         * @instance
         */
        $Object.defineProperty(JobResult.prototype, "result", {
            get: $util.oneOfGetter($oneOfFields = ["sampleSet", "eval", "score", "error", "run", "denoise"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Creates a new JobResult instance using the specified properties.
         * @function create
         * @memberof qprune.JobResult
         * @static
         * @param {qprune.JobResult.$Properties=} [properties] Properties to set
         * @returns {qprune.JobResult} JobResult instance
         * @type {{
         *   (properties: qprune.JobResult.$Shape): qprune.JobResult & qprune.JobResult.$Shape;
         *   (properties?: qprune.JobResult.$Properties): qprune.JobResult;
         * }}
         */
        JobResult.create = function(properties) {
            return new JobResult(properties);
        };

        /**
         * Encodes the specified JobResult message. Does not implicitly {@link qprune.JobResult.verify|verify} messages.
         * @function encode
         * @memberof qprune.JobResult
         * @static
         * @param {qprune.JobResult.$Properties} m JobResult message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        JobResult.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
            if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId") && m.jobId !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.jobId);
            if (m.worker != null && $Object.hasOwnProperty.call(m, "worker") && m.worker !== "")
                w.uint32(/* id 3, wireType 2 =*/26).string(m.worker);
            if (m.sampleSet != null && $Object.hasOwnProperty.call(m, "sampleSet"))
                $root.qprune.SampleSet.encode(m.sampleSet, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
            if (m["eval"] != null && $Object.hasOwnProperty.call(m, "eval"))
                $root.qprune.EvalResult.encode(m["eval"], w.uint32(/* id 5, wireType 2 =*/42).fork(), q + 1).ldelim();
            if (m.score != null && $Object.hasOwnProperty.call(m, "score"))
                $root.qprune.ScoreResult.encode(m.score, w.uint32(/* id 6, wireType 2 =*/50).fork(), q + 1).ldelim();
            if (m.error != null && $Object.hasOwnProperty.call(m, "error"))
                $root.qprune.ErrorReply.encode(m.error, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
            if (m.run != null && $Object.hasOwnProperty.call(m, "run"))
                $root.qprune.RunResult.encode(m.run, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
            if (m.denoise != null && $Object.hasOwnProperty.call(m, "denoise"))
                $root.qprune.DenoiseResult.encode(m.denoise, w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
            if (m.delivery != null && $Object.hasOwnProperty.call(m, "delivery") && m.delivery !== 0)
                w.uint32(/* id 10, wireType 0 =*/80).uint32(m.delivery);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a JobResult message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.JobResult
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.JobResult & qprune.JobResult.$Shape} JobResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        JobResult.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.JobResult();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.runId = v;
                        else
                            delete m.runId;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.jobId = v;
                        else
                            delete m.jobId;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.worker = v;
                        else
                            delete m.worker;
                        continue;
                    }
                case 10: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.delivery = v;
                        else
                            delete m.delivery;
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        m.sampleSet = $root.qprune.SampleSet.decode(r, r.size(), $undefined, q + 1, m.sampleSet);
                        m.result = "sampleSet";
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        m["eval"] = $root.qprune.EvalResult.decode(r, r.size(), $undefined, q + 1, m["eval"]);
                        m.result = "eval";
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        m.score = $root.qprune.ScoreResult.decode(r, r.size(), $undefined, q + 1, m.score);
                        m.result = "score";
                        continue;
                    }
                case 7: {
                        if (u !== 2)
                            break;
                        m.error = $root.qprune.ErrorReply.decode(r, r.size(), $undefined, q + 1, m.error);
                        m.result = "error";
                        continue;
                    }
                case 8: {
                        if (u !== 2)
                            break;
                        m.run = $root.qprune.RunResult.decode(r, r.size(), $undefined, q + 1, m.run);
                        m.result = "run";
                        continue;
                    }
                case 9: {
                        if (u !== 2)
                            break;
                        m.denoise = $root.qprune.DenoiseResult.decode(r, r.size(), $undefined, q + 1, m.denoise);
                        m.result = "denoise";
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for JobResult
         * @function getTypeUrl
         * @memberof qprune.JobResult
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        JobResult.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.JobResult";
        };

        return JobResult;
    })();

    qprune.DenoiseJob = (function() {

        /**
         * Properties of a DenoiseJob.
         * @typedef {Object} qprune.DenoiseJob.$Properties
         * @property {string|null} [runId] DenoiseJob runId
         * @property {string|null} [jobId] DenoiseJob jobId
         * @property {string|null} [modelKey] DenoiseJob modelKey
         * @property {qprune.Tensor.$Properties|null} [image] DenoiseJob image
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DenoiseJob.
         * @memberof qprune
         * @interface IDenoiseJob
         * @augments qprune.DenoiseJob.$Properties
         * @deprecated Use qprune.DenoiseJob.$Properties instead.
         */

        /**
         * Shape of a DenoiseJob.
         * @typedef {qprune.DenoiseJob.$Properties} qprune.DenoiseJob.$Shape
         */

        /**
         * Constructs a new DenoiseJob.
         * @memberof qprune
         * @classdesc Represents a DenoiseJob.
         * @constructor
         * @param {qprune.DenoiseJob.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const DenoiseJob = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * DenoiseJob runId.
         * @member {string} runId
         * @memberof qprune.DenoiseJob
         * @instance
         */
        DenoiseJob.prototype.runId = "";

        /**
         * DenoiseJob jobId.
         * @member {string} jobId
         * @memberof qprune.DenoiseJob
         * @instance
         */
        DenoiseJob.prototype.jobId = "";

        /**
         * DenoiseJob modelKey.
         * @member {string} modelKey
         * @memberof qprune.DenoiseJob
         * @instance
         */
        DenoiseJob.prototype.modelKey = "";

        /**
         * DenoiseJob image.
         * @member {qprune.Tensor.$Properties|null|undefined} image
         * @memberof qprune.DenoiseJob
         * @instance
         */
        DenoiseJob.prototype.image = null;

        /**
         * Creates a new DenoiseJob instance using the specified properties.
         * @function create
         * @memberof qprune.DenoiseJob
         * @static
         * @param {qprune.DenoiseJob.$Properties=} [properties] Properties to set
         * @returns {qprune.DenoiseJob} DenoiseJob instance
         * @type {{
         *   (properties: qprune.DenoiseJob.$Shape): qprune.DenoiseJob & qprune.DenoiseJob.$Shape;
         *   (properties?: qprune.DenoiseJob.$Properties): qprune.DenoiseJob;
         * }}
         */
        DenoiseJob.create = function(properties) {
            return new DenoiseJob(properties);
        };

        /**
         * Encodes the specified DenoiseJob message. Does not implicitly {@link qprune.DenoiseJob.verify|verify} messages.
         * @function encode
         * @memberof qprune.DenoiseJob
         * @static
         * @param {qprune.DenoiseJob.$Properties} m DenoiseJob message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DenoiseJob.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
            if (m.jobId != null && $Object.hasOwnProperty.call(m, "jobId") && m.jobId !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.jobId);
            if (m.modelKey != null && $Object.hasOwnProperty.call(m, "modelKey") && m.modelKey !== "")
                w.uint32(/* id 3, wireType 2 =*/26).string(m.modelKey);
            if (m.image != null && $Object.hasOwnProperty.call(m, "image"))
                $root.qprune.Tensor.encode(m.image, w.uint32(/* id 4, wireType 2 =*/34).fork(), q + 1).ldelim();
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a DenoiseJob message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.DenoiseJob
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.DenoiseJob & qprune.DenoiseJob.$Shape} DenoiseJob
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DenoiseJob.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.DenoiseJob();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.runId = v;
                        else
                            delete m.runId;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.jobId = v;
                        else
                            delete m.jobId;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.modelKey = v;
                        else
                            delete m.modelKey;
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        m.image = $root.qprune.Tensor.decode(r, r.size(), $undefined, q + 1, m.image);
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for DenoiseJob
         * @function getTypeUrl
         * @memberof qprune.DenoiseJob
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        DenoiseJob.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.DenoiseJob";
        };

        return DenoiseJob;
    })();

    qprune.DenoiseResult = (function() {

        /**
         * Properties of a DenoiseResult.
         * @typedef {Object} qprune.DenoiseResult.$Properties
         * @property {qprune.Tensor.$Properties|null} [image] DenoiseResult image
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a DenoiseResult.
         * @memberof qprune
         * @interface IDenoiseResult
         * @augments qprune.DenoiseResult.$Properties
         * @deprecated Use qprune.DenoiseResult.$Properties instead.
         */

        /**
         * Shape of a DenoiseResult.
         * @typedef {qprune.DenoiseResult.$Properties} qprune.DenoiseResult.$Shape
         */

        /**
         * Constructs a new DenoiseResult.
         * @memberof qprune
         * @classdesc Represents a DenoiseResult.
         * @constructor
         * @param {qprune.DenoiseResult.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const DenoiseResult = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * DenoiseResult image.
         * @member {qprune.Tensor.$Properties|null|undefined} image
         * @memberof qprune.DenoiseResult
         * @instance
         */
        DenoiseResult.prototype.image = null;

        /**
         * Creates a new DenoiseResult instance using the specified properties.
         * @function create
         * @memberof qprune.DenoiseResult
         * @static
         * @param {qprune.DenoiseResult.$Properties=} [properties] Properties to set
         * @returns {qprune.DenoiseResult} DenoiseResult instance
         * @type {{
         *   (properties: qprune.DenoiseResult.$Shape): qprune.DenoiseResult & qprune.DenoiseResult.$Shape;
         *   (properties?: qprune.DenoiseResult.$Properties): qprune.DenoiseResult;
         * }}
         */
        DenoiseResult.create = function(properties) {
            return new DenoiseResult(properties);
        };

        /**
         * Encodes the specified DenoiseResult message. Does not implicitly {@link qprune.DenoiseResult.verify|verify} messages.
         * @function encode
         * @memberof qprune.DenoiseResult
         * @static
         * @param {qprune.DenoiseResult.$Properties} m DenoiseResult message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        DenoiseResult.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.image != null && $Object.hasOwnProperty.call(m, "image"))
                $root.qprune.Tensor.encode(m.image, w.uint32(/* id 1, wireType 2 =*/10).fork(), q + 1).ldelim();
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a DenoiseResult message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.DenoiseResult
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.DenoiseResult & qprune.DenoiseResult.$Shape} DenoiseResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        DenoiseResult.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.DenoiseResult();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        m.image = $root.qprune.Tensor.decode(r, r.size(), $undefined, q + 1, m.image);
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for DenoiseResult
         * @function getTypeUrl
         * @memberof qprune.DenoiseResult
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        DenoiseResult.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.DenoiseResult";
        };

        return DenoiseResult;
    })();

    qprune.RunResult = (function() {

        /**
         * Properties of a RunResult.
         * @typedef {Object} qprune.RunResult.$Properties
         * @property {string|null} [out] RunResult out
         * @property {string|null} [summary] RunResult summary
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RunResult.
         * @memberof qprune
         * @interface IRunResult
         * @augments qprune.RunResult.$Properties
         * @deprecated Use qprune.RunResult.$Properties instead.
         */

        /**
         * Shape of a RunResult.
         * @typedef {qprune.RunResult.$Properties} qprune.RunResult.$Shape
         */

        /**
         * Constructs a new RunResult.
         * @memberof qprune
         * @classdesc Represents a RunResult.
         * @constructor
         * @param {qprune.RunResult.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RunResult = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * RunResult out.
         * @member {string} out
         * @memberof qprune.RunResult
         * @instance
         */
        RunResult.prototype.out = "";

        /**
         * RunResult summary.
         * @member {string} summary
         * @memberof qprune.RunResult
         * @instance
         */
        RunResult.prototype.summary = "";

        /**
         * Creates a new RunResult instance using the specified properties.
         * @function create
         * @memberof qprune.RunResult
         * @static
         * @param {qprune.RunResult.$Properties=} [properties] Properties to set
         * @returns {qprune.RunResult} RunResult instance
         * @type {{
         *   (properties: qprune.RunResult.$Shape): qprune.RunResult & qprune.RunResult.$Shape;
         *   (properties?: qprune.RunResult.$Properties): qprune.RunResult;
         * }}
         */
        RunResult.create = function(properties) {
            return new RunResult(properties);
        };

        /**
         * Encodes the specified RunResult message. Does not implicitly {@link qprune.RunResult.verify|verify} messages.
         * @function encode
         * @memberof qprune.RunResult
         * @static
         * @param {qprune.RunResult.$Properties} m RunResult message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RunResult.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.out != null && $Object.hasOwnProperty.call(m, "out") && m.out !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.out);
            if (m.summary != null && $Object.hasOwnProperty.call(m, "summary") && m.summary !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.summary);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a RunResult message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.RunResult
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.RunResult & qprune.RunResult.$Shape} RunResult
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RunResult.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.RunResult();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.out = v;
                        else
                            delete m.out;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.summary = v;
                        else
                            delete m.summary;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for RunResult
         * @function getTypeUrl
         * @memberof qprune.RunResult
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        RunResult.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.RunResult";
        };

        return RunResult;
    })();

    qprune.RunSpec = (function() {

        /**
         * Properties of a RunSpec.
         * @typedef {Object} qprune.RunSpec.$Properties
         * @property {string|null} [runId] RunSpec runId
         * @property {qprune.PruneJobSpec.$Properties|null} [job] RunSpec job
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RunSpec.
         * @memberof qprune
         * @interface IRunSpec
         * @augments qprune.RunSpec.$Properties
         * @deprecated Use qprune.RunSpec.$Properties instead.
         */

        /**
         * Shape of a RunSpec.
         * @typedef {qprune.RunSpec.$Properties} qprune.RunSpec.$Shape
         */

        /**
         * Constructs a new RunSpec.
         * @memberof qprune
         * @classdesc Represents a RunSpec.
         * @constructor
         * @param {qprune.RunSpec.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RunSpec = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * RunSpec runId.
         * @member {string} runId
         * @memberof qprune.RunSpec
         * @instance
         */
        RunSpec.prototype.runId = "";

        /**
         * RunSpec job.
         * @member {qprune.PruneJobSpec.$Properties|null|undefined} job
         * @memberof qprune.RunSpec
         * @instance
         */
        RunSpec.prototype.job = null;

        /**
         * Creates a new RunSpec instance using the specified properties.
         * @function create
         * @memberof qprune.RunSpec
         * @static
         * @param {qprune.RunSpec.$Properties=} [properties] Properties to set
         * @returns {qprune.RunSpec} RunSpec instance
         * @type {{
         *   (properties: qprune.RunSpec.$Shape): qprune.RunSpec & qprune.RunSpec.$Shape;
         *   (properties?: qprune.RunSpec.$Properties): qprune.RunSpec;
         * }}
         */
        RunSpec.create = function(properties) {
            return new RunSpec(properties);
        };

        /**
         * Encodes the specified RunSpec message. Does not implicitly {@link qprune.RunSpec.verify|verify} messages.
         * @function encode
         * @memberof qprune.RunSpec
         * @static
         * @param {qprune.RunSpec.$Properties} m RunSpec message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RunSpec.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
            if (m.job != null && $Object.hasOwnProperty.call(m, "job"))
                $root.qprune.PruneJobSpec.encode(m.job, w.uint32(/* id 12, wireType 2 =*/98).fork(), q + 1).ldelim();
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a RunSpec message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.RunSpec
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.RunSpec & qprune.RunSpec.$Shape} RunSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RunSpec.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.RunSpec();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.runId = v;
                        else
                            delete m.runId;
                        continue;
                    }
                case 12: {
                        if (u !== 2)
                            break;
                        m.job = $root.qprune.PruneJobSpec.decode(r, r.size(), $undefined, q + 1, m.job);
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for RunSpec
         * @function getTypeUrl
         * @memberof qprune.RunSpec
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        RunSpec.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.RunSpec";
        };

        return RunSpec;
    })();

    qprune.PruneJobSpec = (function() {

        /**
         * Properties of a PruneJobSpec.
         * @typedef {Object} qprune.PruneJobSpec.$Properties
         * @property {string|null} [model] PruneJobSpec model
         * @property {string|null} [data] PruneJobSpec data
         * @property {string|null} [noise] PruneJobSpec noise
         * @property {number|null} [sparsity] PruneJobSpec sparsity
         * @property {string|null} [budget] PruneJobSpec budget
         * @property {string|null} [method] PruneJobSpec method
         * @property {qprune.Formulation.$Properties|null} [formulation] PruneJobSpec formulation
         * @property {qprune.RefineSpec.$Properties|null} [refine] PruneJobSpec refine
         * @property {qprune.FinetuneSpec.$Properties|null} [finetune] PruneJobSpec finetune
         * @property {qprune.CalibrationSpec.$Properties|null} [calibration] PruneJobSpec calibration
         * @property {qprune.ValidationSpec.$Properties|null} [validation] PruneJobSpec validation
         * @property {Array.<number>|null} [sweep] PruneJobSpec sweep
         * @property {boolean|null} [noSweep] PruneJobSpec noSweep
         * @property {number|null} [seed] PruneJobSpec seed
         * @property {string|null} [out] PruneJobSpec out
         * @property {boolean|null} [force] PruneJobSpec force
         * @property {string|null} [budgetBy] PruneJobSpec budgetBy
         * @property {string|null} [selection] PruneJobSpec selection
         * @property {boolean|null} [tune] PruneJobSpec tune
         * @property {number|null} [steps] PruneJobSpec steps
         * @property {string|null} [compensate] PruneJobSpec compensate
         * @property {string|null} [test] PruneJobSpec test
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a PruneJobSpec.
         * @memberof qprune
         * @interface IPruneJobSpec
         * @augments qprune.PruneJobSpec.$Properties
         * @deprecated Use qprune.PruneJobSpec.$Properties instead.
         */

        /**
         * Shape of a PruneJobSpec.
         * @typedef {qprune.PruneJobSpec.$Properties} qprune.PruneJobSpec.$Shape
         */

        /**
         * Constructs a new PruneJobSpec.
         * @memberof qprune
         * @classdesc Represents a PruneJobSpec.
         * @constructor
         * @param {qprune.PruneJobSpec.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const PruneJobSpec = function (p) {
            this.sweep = [];
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * PruneJobSpec model.
         * @member {string} model
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.model = "";

        /**
         * PruneJobSpec data.
         * @member {string} data
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.data = "";

        /**
         * PruneJobSpec noise.
         * @member {string} noise
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.noise = "";

        /**
         * PruneJobSpec sparsity.
         * @member {number} sparsity
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.sparsity = 0;

        /**
         * PruneJobSpec budget.
         * @member {string} budget
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.budget = "";

        /**
         * PruneJobSpec method.
         * @member {string} method
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.method = "";

        /**
         * PruneJobSpec formulation.
         * @member {qprune.Formulation.$Properties|null|undefined} formulation
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.formulation = null;

        /**
         * PruneJobSpec refine.
         * @member {qprune.RefineSpec.$Properties|null|undefined} refine
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.refine = null;

        /**
         * PruneJobSpec finetune.
         * @member {qprune.FinetuneSpec.$Properties|null|undefined} finetune
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.finetune = null;

        /**
         * PruneJobSpec calibration.
         * @member {qprune.CalibrationSpec.$Properties|null|undefined} calibration
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.calibration = null;

        /**
         * PruneJobSpec validation.
         * @member {qprune.ValidationSpec.$Properties|null|undefined} validation
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.validation = null;

        /**
         * PruneJobSpec sweep.
         * @member {Array.<number>} sweep
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.sweep = $util.emptyArray;

        /**
         * PruneJobSpec noSweep.
         * @member {boolean} noSweep
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.noSweep = false;

        /**
         * PruneJobSpec seed.
         * @member {number} seed
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.seed = 0;

        /**
         * PruneJobSpec out.
         * @member {string} out
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.out = "";

        /**
         * PruneJobSpec force.
         * @member {boolean} force
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.force = false;

        /**
         * PruneJobSpec budgetBy.
         * @member {string} budgetBy
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.budgetBy = "";

        /**
         * PruneJobSpec selection.
         * @member {string} selection
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.selection = "";

        /**
         * PruneJobSpec tune.
         * @member {boolean} tune
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.tune = false;

        /**
         * PruneJobSpec steps.
         * @member {number} steps
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.steps = 0;

        /**
         * PruneJobSpec compensate.
         * @member {string} compensate
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.compensate = "";

        /**
         * PruneJobSpec test.
         * @member {string} test
         * @memberof qprune.PruneJobSpec
         * @instance
         */
        PruneJobSpec.prototype.test = "";

        /**
         * Creates a new PruneJobSpec instance using the specified properties.
         * @function create
         * @memberof qprune.PruneJobSpec
         * @static
         * @param {qprune.PruneJobSpec.$Properties=} [properties] Properties to set
         * @returns {qprune.PruneJobSpec} PruneJobSpec instance
         * @type {{
         *   (properties: qprune.PruneJobSpec.$Shape): qprune.PruneJobSpec & qprune.PruneJobSpec.$Shape;
         *   (properties?: qprune.PruneJobSpec.$Properties): qprune.PruneJobSpec;
         * }}
         */
        PruneJobSpec.create = function(properties) {
            return new PruneJobSpec(properties);
        };

        /**
         * Encodes the specified PruneJobSpec message. Does not implicitly {@link qprune.PruneJobSpec.verify|verify} messages.
         * @function encode
         * @memberof qprune.PruneJobSpec
         * @static
         * @param {qprune.PruneJobSpec.$Properties} m PruneJobSpec message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        PruneJobSpec.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.model != null && $Object.hasOwnProperty.call(m, "model") && m.model !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.model);
            if (m.data != null && $Object.hasOwnProperty.call(m, "data") && m.data !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.data);
            if (m.noise != null && $Object.hasOwnProperty.call(m, "noise") && m.noise !== "")
                w.uint32(/* id 3, wireType 2 =*/26).string(m.noise);
            if (m.sparsity != null && $Object.hasOwnProperty.call(m, "sparsity") && !$Object.is(m.sparsity, 0))
                w.uint32(/* id 4, wireType 1 =*/33).double(m.sparsity);
            if (m.budget != null && $Object.hasOwnProperty.call(m, "budget") && m.budget !== "")
                w.uint32(/* id 5, wireType 2 =*/42).string(m.budget);
            if (m.method != null && $Object.hasOwnProperty.call(m, "method") && m.method !== "")
                w.uint32(/* id 6, wireType 2 =*/50).string(m.method);
            if (m.formulation != null && $Object.hasOwnProperty.call(m, "formulation"))
                $root.qprune.Formulation.encode(m.formulation, w.uint32(/* id 7, wireType 2 =*/58).fork(), q + 1).ldelim();
            if (m.refine != null && $Object.hasOwnProperty.call(m, "refine"))
                $root.qprune.RefineSpec.encode(m.refine, w.uint32(/* id 8, wireType 2 =*/66).fork(), q + 1).ldelim();
            if (m.finetune != null && $Object.hasOwnProperty.call(m, "finetune"))
                $root.qprune.FinetuneSpec.encode(m.finetune, w.uint32(/* id 9, wireType 2 =*/74).fork(), q + 1).ldelim();
            if (m.calibration != null && $Object.hasOwnProperty.call(m, "calibration"))
                $root.qprune.CalibrationSpec.encode(m.calibration, w.uint32(/* id 10, wireType 2 =*/82).fork(), q + 1).ldelim();
            if (m.validation != null && $Object.hasOwnProperty.call(m, "validation"))
                $root.qprune.ValidationSpec.encode(m.validation, w.uint32(/* id 11, wireType 2 =*/90).fork(), q + 1).ldelim();
            if (m.sweep != null && m.sweep.length) {
                w.uint32(/* id 12, wireType 2 =*/98).doubles(m.sweep);
            }
            if (m.noSweep != null && $Object.hasOwnProperty.call(m, "noSweep") && m.noSweep !== false)
                w.uint32(/* id 13, wireType 0 =*/104).bool(m.noSweep);
            if (m.seed != null && $Object.hasOwnProperty.call(m, "seed") && m.seed !== 0)
                w.uint32(/* id 14, wireType 0 =*/112).int32(m.seed);
            if (m.out != null && $Object.hasOwnProperty.call(m, "out") && m.out !== "")
                w.uint32(/* id 15, wireType 2 =*/122).string(m.out);
            if (m.force != null && $Object.hasOwnProperty.call(m, "force") && m.force !== false)
                w.uint32(/* id 16, wireType 0 =*/128).bool(m.force);
            if (m.budgetBy != null && $Object.hasOwnProperty.call(m, "budgetBy") && m.budgetBy !== "")
                w.uint32(/* id 17, wireType 2 =*/138).string(m.budgetBy);
            if (m.selection != null && $Object.hasOwnProperty.call(m, "selection") && m.selection !== "")
                w.uint32(/* id 18, wireType 2 =*/146).string(m.selection);
            if (m.tune != null && $Object.hasOwnProperty.call(m, "tune") && m.tune !== false)
                w.uint32(/* id 19, wireType 0 =*/152).bool(m.tune);
            if (m.steps != null && $Object.hasOwnProperty.call(m, "steps") && m.steps !== 0)
                w.uint32(/* id 20, wireType 0 =*/160).uint32(m.steps);
            if (m.compensate != null && $Object.hasOwnProperty.call(m, "compensate") && m.compensate !== "")
                w.uint32(/* id 21, wireType 2 =*/170).string(m.compensate);
            if (m.test != null && $Object.hasOwnProperty.call(m, "test") && m.test !== "")
                w.uint32(/* id 22, wireType 2 =*/178).string(m.test);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a PruneJobSpec message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.PruneJobSpec
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.PruneJobSpec & qprune.PruneJobSpec.$Shape} PruneJobSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        PruneJobSpec.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.PruneJobSpec();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.model = v;
                        else
                            delete m.model;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.data = v;
                        else
                            delete m.data;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.noise = v;
                        else
                            delete m.noise;
                        continue;
                    }
                case 4: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.sparsity = v;
                        else
                            delete m.sparsity;
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.budget = v;
                        else
                            delete m.budget;
                        continue;
                    }
                case 6: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.method = v;
                        else
                            delete m.method;
                        continue;
                    }
                case 7: {
                        if (u !== 2)
                            break;
                        m.formulation = $root.qprune.Formulation.decode(r, r.size(), $undefined, q + 1, m.formulation);
                        continue;
                    }
                case 8: {
                        if (u !== 2)
                            break;
                        m.refine = $root.qprune.RefineSpec.decode(r, r.size(), $undefined, q + 1, m.refine);
                        continue;
                    }
                case 9: {
                        if (u !== 2)
                            break;
                        m.finetune = $root.qprune.FinetuneSpec.decode(r, r.size(), $undefined, q + 1, m.finetune);
                        continue;
                    }
                case 10: {
                        if (u !== 2)
                            break;
                        m.calibration = $root.qprune.CalibrationSpec.decode(r, r.size(), $undefined, q + 1, m.calibration);
                        continue;
                    }
                case 11: {
                        if (u !== 2)
                            break;
                        m.validation = $root.qprune.ValidationSpec.decode(r, r.size(), $undefined, q + 1, m.validation);
                        continue;
                    }
                case 12: {
                        if (u === 2) {
                            if (!(m.sweep && m.sweep.length))
                                m.sweep = [];
                            r.doubles(m.sweep);
                            continue;
                        }
                        if (u !== 1)
                            break;
                        if (!(m.sweep && m.sweep.length))
                            m.sweep = [];
                        m.sweep.push(r.double());
                        continue;
                    }
                case 13: {
                        if (u !== 0)
                            break;
                        if (v = r.bool())
                            m.noSweep = v;
                        else
                            delete m.noSweep;
                        continue;
                    }
                case 14: {
                        if (u !== 0)
                            break;
                        if (v = r.int32())
                            m.seed = v;
                        else
                            delete m.seed;
                        continue;
                    }
                case 15: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.out = v;
                        else
                            delete m.out;
                        continue;
                    }
                case 16: {
                        if (u !== 0)
                            break;
                        if (v = r.bool())
                            m.force = v;
                        else
                            delete m.force;
                        continue;
                    }
                case 17: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.budgetBy = v;
                        else
                            delete m.budgetBy;
                        continue;
                    }
                case 18: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.selection = v;
                        else
                            delete m.selection;
                        continue;
                    }
                case 19: {
                        if (u !== 0)
                            break;
                        if (v = r.bool())
                            m.tune = v;
                        else
                            delete m.tune;
                        continue;
                    }
                case 20: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.steps = v;
                        else
                            delete m.steps;
                        continue;
                    }
                case 21: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.compensate = v;
                        else
                            delete m.compensate;
                        continue;
                    }
                case 22: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.test = v;
                        else
                            delete m.test;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for PruneJobSpec
         * @function getTypeUrl
         * @memberof qprune.PruneJobSpec
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        PruneJobSpec.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.PruneJobSpec";
        };

        return PruneJobSpec;
    })();

    qprune.Formulation = (function() {

        /**
         * Properties of a Formulation.
         * @typedef {Object} qprune.Formulation.$Properties
         * @property {Object.<string,number>|null} [weights] Formulation weights
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Formulation.
         * @memberof qprune
         * @interface IFormulation
         * @augments qprune.Formulation.$Properties
         * @deprecated Use qprune.Formulation.$Properties instead.
         */

        /**
         * Shape of a Formulation.
         * @typedef {qprune.Formulation.$Properties} qprune.Formulation.$Shape
         */

        /**
         * Constructs a new Formulation.
         * @memberof qprune
         * @classdesc Represents a Formulation.
         * @constructor
         * @param {qprune.Formulation.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Formulation = function (p) {
            this.weights = {};
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Formulation weights.
         * @member {Object.<string,number>} weights
         * @memberof qprune.Formulation
         * @instance
         */
        Formulation.prototype.weights = $util.emptyObject;

        /**
         * Creates a new Formulation instance using the specified properties.
         * @function create
         * @memberof qprune.Formulation
         * @static
         * @param {qprune.Formulation.$Properties=} [properties] Properties to set
         * @returns {qprune.Formulation} Formulation instance
         * @type {{
         *   (properties: qprune.Formulation.$Shape): qprune.Formulation & qprune.Formulation.$Shape;
         *   (properties?: qprune.Formulation.$Properties): qprune.Formulation;
         * }}
         */
        Formulation.create = function(properties) {
            return new Formulation(properties);
        };

        /**
         * Encodes the specified Formulation message. Does not implicitly {@link qprune.Formulation.verify|verify} messages.
         * @function encode
         * @memberof qprune.Formulation
         * @static
         * @param {qprune.Formulation.$Properties} m Formulation message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Formulation.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.weights != null && $Object.hasOwnProperty.call(m, "weights")) {
                for (var ks = $Object.keys(m.weights), i = 0; i < ks.length; ++i) {
                    w.uint32(/* id 1, wireType 2 =*/10).fork().uint32(/* id 1, wireType 2 =*/10).string(ks[i]).uint32(/* id 2, wireType 1 =*/17).double(m.weights[ks[i]]).ldelim();
                }
            }
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a Formulation message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.Formulation
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.Formulation & qprune.Formulation.$Shape} Formulation
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Formulation.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, k, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.Formulation();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if (m.weights === $util.emptyObject)
                            m.weights = {};
                        var c2 = r.size() + r.pos;
                        if (c2 > r.len)
                            throw $RangeError("index out of range");
                        r.len = c2;
                        k = "";
                        v = 0;
                        while (r.pos < c2) {
                            var t2 = r.tag();
                            u = t2 & 7;
                            switch (t2 >>>= 3) {
                            case 1:
                                if (u !== 2)
                                    break;
                                k = r.stringVerify();
                                continue;
                            case 2:
                                if (u !== 1)
                                    break;
                                v = r.double();
                                continue;
                            }
                            r.skipType(u, q, t2);
                        }
                        if (r.pos !== c2)
                            throw $RangeError("index out of range");
                        r.len = c;
                        if (k === "__proto__")
                            $util.makeProp(m.weights, k);
                        m.weights[k] = v;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for Formulation
         * @function getTypeUrl
         * @memberof qprune.Formulation
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Formulation.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.Formulation";
        };

        return Formulation;
    })();

    qprune.RefineSpec = (function() {

        /**
         * Properties of a RefineSpec.
         * @typedef {Object} qprune.RefineSpec.$Properties
         * @property {string|null} [method] RefineSpec method
         * @property {number|null} [budget] RefineSpec budget
         * @property {string|null} [scope] RefineSpec scope
         * @property {number|null} [moves] RefineSpec moves
         * @property {number|null} [finalists] RefineSpec finalists
         * @property {number|null} [finalistCrop] RefineSpec finalistCrop
         * @property {string|null} [finalistPick] RefineSpec finalistPick
         * @property {number|null} [continuation] RefineSpec continuation
         * @property {number|null} [continuationCrop] RefineSpec continuationCrop
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a RefineSpec.
         * @memberof qprune
         * @interface IRefineSpec
         * @augments qprune.RefineSpec.$Properties
         * @deprecated Use qprune.RefineSpec.$Properties instead.
         */

        /**
         * Shape of a RefineSpec.
         * @typedef {qprune.RefineSpec.$Properties} qprune.RefineSpec.$Shape
         */

        /**
         * Constructs a new RefineSpec.
         * @memberof qprune
         * @classdesc Represents a RefineSpec.
         * @constructor
         * @param {qprune.RefineSpec.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const RefineSpec = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * RefineSpec method.
         * @member {string} method
         * @memberof qprune.RefineSpec
         * @instance
         */
        RefineSpec.prototype.method = "";

        /**
         * RefineSpec budget.
         * @member {number} budget
         * @memberof qprune.RefineSpec
         * @instance
         */
        RefineSpec.prototype.budget = 0;

        /**
         * RefineSpec scope.
         * @member {string} scope
         * @memberof qprune.RefineSpec
         * @instance
         */
        RefineSpec.prototype.scope = "";

        /**
         * RefineSpec moves.
         * @member {number|null|undefined} moves
         * @memberof qprune.RefineSpec
         * @instance
         */
        RefineSpec.prototype.moves = null;

        /**
         * RefineSpec finalists.
         * @member {number} finalists
         * @memberof qprune.RefineSpec
         * @instance
         */
        RefineSpec.prototype.finalists = 0;

        /**
         * RefineSpec finalistCrop.
         * @member {number} finalistCrop
         * @memberof qprune.RefineSpec
         * @instance
         */
        RefineSpec.prototype.finalistCrop = 0;

        /**
         * RefineSpec finalistPick.
         * @member {string} finalistPick
         * @memberof qprune.RefineSpec
         * @instance
         */
        RefineSpec.prototype.finalistPick = "";

        /**
         * RefineSpec continuation.
         * @member {number} continuation
         * @memberof qprune.RefineSpec
         * @instance
         */
        RefineSpec.prototype.continuation = 0;

        /**
         * RefineSpec continuationCrop.
         * @member {number} continuationCrop
         * @memberof qprune.RefineSpec
         * @instance
         */
        RefineSpec.prototype.continuationCrop = 0;

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        // Virtual OneOf for proto3 optional field
        $Object.defineProperty(RefineSpec.prototype, "_moves", {
            get: $util.oneOfGetter($oneOfFields = ["moves"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Creates a new RefineSpec instance using the specified properties.
         * @function create
         * @memberof qprune.RefineSpec
         * @static
         * @param {qprune.RefineSpec.$Properties=} [properties] Properties to set
         * @returns {qprune.RefineSpec} RefineSpec instance
         * @type {{
         *   (properties: qprune.RefineSpec.$Shape): qprune.RefineSpec & qprune.RefineSpec.$Shape;
         *   (properties?: qprune.RefineSpec.$Properties): qprune.RefineSpec;
         * }}
         */
        RefineSpec.create = function(properties) {
            return new RefineSpec(properties);
        };

        /**
         * Encodes the specified RefineSpec message. Does not implicitly {@link qprune.RefineSpec.verify|verify} messages.
         * @function encode
         * @memberof qprune.RefineSpec
         * @static
         * @param {qprune.RefineSpec.$Properties} m RefineSpec message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        RefineSpec.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.method != null && $Object.hasOwnProperty.call(m, "method") && m.method !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.method);
            if (m.budget != null && $Object.hasOwnProperty.call(m, "budget") && m.budget !== 0)
                w.uint32(/* id 2, wireType 0 =*/16).uint32(m.budget);
            if (m.scope != null && $Object.hasOwnProperty.call(m, "scope") && m.scope !== "")
                w.uint32(/* id 3, wireType 2 =*/26).string(m.scope);
            if (m.moves != null && $Object.hasOwnProperty.call(m, "moves"))
                w.uint32(/* id 4, wireType 0 =*/32).uint32(m.moves);
            if (m.finalists != null && $Object.hasOwnProperty.call(m, "finalists") && m.finalists !== 0)
                w.uint32(/* id 5, wireType 0 =*/40).uint32(m.finalists);
            if (m.finalistCrop != null && $Object.hasOwnProperty.call(m, "finalistCrop") && m.finalistCrop !== 0)
                w.uint32(/* id 6, wireType 0 =*/48).uint32(m.finalistCrop);
            if (m.finalistPick != null && $Object.hasOwnProperty.call(m, "finalistPick") && m.finalistPick !== "")
                w.uint32(/* id 7, wireType 2 =*/58).string(m.finalistPick);
            if (m.continuation != null && $Object.hasOwnProperty.call(m, "continuation") && m.continuation !== 0)
                w.uint32(/* id 8, wireType 0 =*/64).uint32(m.continuation);
            if (m.continuationCrop != null && $Object.hasOwnProperty.call(m, "continuationCrop") && m.continuationCrop !== 0)
                w.uint32(/* id 9, wireType 0 =*/72).uint32(m.continuationCrop);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a RefineSpec message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.RefineSpec
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.RefineSpec & qprune.RefineSpec.$Shape} RefineSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        RefineSpec.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.RefineSpec();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.method = v;
                        else
                            delete m.method;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.budget = v;
                        else
                            delete m.budget;
                        continue;
                    }
                case 3: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.scope = v;
                        else
                            delete m.scope;
                        continue;
                    }
                case 4: {
                        if (u !== 0)
                            break;
                        m.moves = r.uint32();
                        m._moves = "moves";
                        continue;
                    }
                case 5: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.finalists = v;
                        else
                            delete m.finalists;
                        continue;
                    }
                case 6: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.finalistCrop = v;
                        else
                            delete m.finalistCrop;
                        continue;
                    }
                case 7: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.finalistPick = v;
                        else
                            delete m.finalistPick;
                        continue;
                    }
                case 8: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.continuation = v;
                        else
                            delete m.continuation;
                        continue;
                    }
                case 9: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.continuationCrop = v;
                        else
                            delete m.continuationCrop;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for RefineSpec
         * @function getTypeUrl
         * @memberof qprune.RefineSpec
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        RefineSpec.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.RefineSpec";
        };

        return RefineSpec;
    })();

    qprune.FinetuneSpec = (function() {

        /**
         * Properties of a FinetuneSpec.
         * @typedef {Object} qprune.FinetuneSpec.$Properties
         * @property {number|null} [steps] FinetuneSpec steps
         * @property {number|null} [learningRate] FinetuneSpec learningRate
         * @property {number|null} [distill] FinetuneSpec distill
         * @property {string|null} [batchNorm] FinetuneSpec batchNorm
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a FinetuneSpec.
         * @memberof qprune
         * @interface IFinetuneSpec
         * @augments qprune.FinetuneSpec.$Properties
         * @deprecated Use qprune.FinetuneSpec.$Properties instead.
         */

        /**
         * Shape of a FinetuneSpec.
         * @typedef {qprune.FinetuneSpec.$Properties} qprune.FinetuneSpec.$Shape
         */

        /**
         * Constructs a new FinetuneSpec.
         * @memberof qprune
         * @classdesc Represents a FinetuneSpec.
         * @constructor
         * @param {qprune.FinetuneSpec.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const FinetuneSpec = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * FinetuneSpec steps.
         * @member {number} steps
         * @memberof qprune.FinetuneSpec
         * @instance
         */
        FinetuneSpec.prototype.steps = 0;

        /**
         * FinetuneSpec learningRate.
         * @member {number} learningRate
         * @memberof qprune.FinetuneSpec
         * @instance
         */
        FinetuneSpec.prototype.learningRate = 0;

        /**
         * FinetuneSpec distill.
         * @member {number} distill
         * @memberof qprune.FinetuneSpec
         * @instance
         */
        FinetuneSpec.prototype.distill = 0;

        /**
         * FinetuneSpec batchNorm.
         * @member {string} batchNorm
         * @memberof qprune.FinetuneSpec
         * @instance
         */
        FinetuneSpec.prototype.batchNorm = "";

        /**
         * Creates a new FinetuneSpec instance using the specified properties.
         * @function create
         * @memberof qprune.FinetuneSpec
         * @static
         * @param {qprune.FinetuneSpec.$Properties=} [properties] Properties to set
         * @returns {qprune.FinetuneSpec} FinetuneSpec instance
         * @type {{
         *   (properties: qprune.FinetuneSpec.$Shape): qprune.FinetuneSpec & qprune.FinetuneSpec.$Shape;
         *   (properties?: qprune.FinetuneSpec.$Properties): qprune.FinetuneSpec;
         * }}
         */
        FinetuneSpec.create = function(properties) {
            return new FinetuneSpec(properties);
        };

        /**
         * Encodes the specified FinetuneSpec message. Does not implicitly {@link qprune.FinetuneSpec.verify|verify} messages.
         * @function encode
         * @memberof qprune.FinetuneSpec
         * @static
         * @param {qprune.FinetuneSpec.$Properties} m FinetuneSpec message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        FinetuneSpec.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.steps != null && $Object.hasOwnProperty.call(m, "steps") && m.steps !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).uint32(m.steps);
            if (m.learningRate != null && $Object.hasOwnProperty.call(m, "learningRate") && !$Object.is(m.learningRate, 0))
                w.uint32(/* id 2, wireType 1 =*/17).double(m.learningRate);
            if (m.distill != null && $Object.hasOwnProperty.call(m, "distill") && !$Object.is(m.distill, 0))
                w.uint32(/* id 3, wireType 1 =*/25).double(m.distill);
            if (m.batchNorm != null && $Object.hasOwnProperty.call(m, "batchNorm") && m.batchNorm !== "")
                w.uint32(/* id 4, wireType 2 =*/34).string(m.batchNorm);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a FinetuneSpec message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.FinetuneSpec
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.FinetuneSpec & qprune.FinetuneSpec.$Shape} FinetuneSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        FinetuneSpec.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.FinetuneSpec();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.steps = v;
                        else
                            delete m.steps;
                        continue;
                    }
                case 2: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.learningRate = v;
                        else
                            delete m.learningRate;
                        continue;
                    }
                case 3: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.distill = v;
                        else
                            delete m.distill;
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.batchNorm = v;
                        else
                            delete m.batchNorm;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for FinetuneSpec
         * @function getTypeUrl
         * @memberof qprune.FinetuneSpec
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        FinetuneSpec.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.FinetuneSpec";
        };

        return FinetuneSpec;
    })();

    qprune.CalibrationSpec = (function() {

        /**
         * Properties of a CalibrationSpec.
         * @typedef {Object} qprune.CalibrationSpec.$Properties
         * @property {number|null} [samples] CalibrationSpec samples
         * @property {number|null} [patch] CalibrationSpec patch
         * @property {number|null} [batch] CalibrationSpec batch
         * @property {string|null} [engine] CalibrationSpec engine
         * @property {number|null} [coupleLayers] CalibrationSpec coupleLayers
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a CalibrationSpec.
         * @memberof qprune
         * @interface ICalibrationSpec
         * @augments qprune.CalibrationSpec.$Properties
         * @deprecated Use qprune.CalibrationSpec.$Properties instead.
         */

        /**
         * Shape of a CalibrationSpec.
         * @typedef {qprune.CalibrationSpec.$Properties} qprune.CalibrationSpec.$Shape
         */

        /**
         * Constructs a new CalibrationSpec.
         * @memberof qprune
         * @classdesc Represents a CalibrationSpec.
         * @constructor
         * @param {qprune.CalibrationSpec.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const CalibrationSpec = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * CalibrationSpec samples.
         * @member {number} samples
         * @memberof qprune.CalibrationSpec
         * @instance
         */
        CalibrationSpec.prototype.samples = 0;

        /**
         * CalibrationSpec patch.
         * @member {number} patch
         * @memberof qprune.CalibrationSpec
         * @instance
         */
        CalibrationSpec.prototype.patch = 0;

        /**
         * CalibrationSpec batch.
         * @member {number} batch
         * @memberof qprune.CalibrationSpec
         * @instance
         */
        CalibrationSpec.prototype.batch = 0;

        /**
         * CalibrationSpec engine.
         * @member {string} engine
         * @memberof qprune.CalibrationSpec
         * @instance
         */
        CalibrationSpec.prototype.engine = "";

        /**
         * CalibrationSpec coupleLayers.
         * @member {number|null|undefined} coupleLayers
         * @memberof qprune.CalibrationSpec
         * @instance
         */
        CalibrationSpec.prototype.coupleLayers = null;

        // OneOf field names bound to virtual getters and setters
        let $oneOfFields;

        // Virtual OneOf for proto3 optional field
        $Object.defineProperty(CalibrationSpec.prototype, "_coupleLayers", {
            get: $util.oneOfGetter($oneOfFields = ["coupleLayers"]),
            set: $util.oneOfSetter($oneOfFields)
        });

        /**
         * Creates a new CalibrationSpec instance using the specified properties.
         * @function create
         * @memberof qprune.CalibrationSpec
         * @static
         * @param {qprune.CalibrationSpec.$Properties=} [properties] Properties to set
         * @returns {qprune.CalibrationSpec} CalibrationSpec instance
         * @type {{
         *   (properties: qprune.CalibrationSpec.$Shape): qprune.CalibrationSpec & qprune.CalibrationSpec.$Shape;
         *   (properties?: qprune.CalibrationSpec.$Properties): qprune.CalibrationSpec;
         * }}
         */
        CalibrationSpec.create = function(properties) {
            return new CalibrationSpec(properties);
        };

        /**
         * Encodes the specified CalibrationSpec message. Does not implicitly {@link qprune.CalibrationSpec.verify|verify} messages.
         * @function encode
         * @memberof qprune.CalibrationSpec
         * @static
         * @param {qprune.CalibrationSpec.$Properties} m CalibrationSpec message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        CalibrationSpec.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.samples != null && $Object.hasOwnProperty.call(m, "samples") && m.samples !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).uint32(m.samples);
            if (m.patch != null && $Object.hasOwnProperty.call(m, "patch") && m.patch !== 0)
                w.uint32(/* id 2, wireType 0 =*/16).uint32(m.patch);
            if (m.batch != null && $Object.hasOwnProperty.call(m, "batch") && m.batch !== 0)
                w.uint32(/* id 3, wireType 0 =*/24).uint32(m.batch);
            if (m.engine != null && $Object.hasOwnProperty.call(m, "engine") && m.engine !== "")
                w.uint32(/* id 4, wireType 2 =*/34).string(m.engine);
            if (m.coupleLayers != null && $Object.hasOwnProperty.call(m, "coupleLayers"))
                w.uint32(/* id 5, wireType 0 =*/40).uint32(m.coupleLayers);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a CalibrationSpec message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.CalibrationSpec
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.CalibrationSpec & qprune.CalibrationSpec.$Shape} CalibrationSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        CalibrationSpec.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.CalibrationSpec();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.samples = v;
                        else
                            delete m.samples;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.patch = v;
                        else
                            delete m.patch;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.batch = v;
                        else
                            delete m.batch;
                        continue;
                    }
                case 4: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.engine = v;
                        else
                            delete m.engine;
                        continue;
                    }
                case 5: {
                        if (u !== 0)
                            break;
                        m.coupleLayers = r.uint32();
                        m._coupleLayers = "coupleLayers";
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for CalibrationSpec
         * @function getTypeUrl
         * @memberof qprune.CalibrationSpec
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        CalibrationSpec.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.CalibrationSpec";
        };

        return CalibrationSpec;
    })();

    qprune.ValidationSpec = (function() {

        /**
         * Properties of a ValidationSpec.
         * @typedef {Object} qprune.ValidationSpec.$Properties
         * @property {number|null} [count] ValidationSpec count
         * @property {number|null} [crop] ValidationSpec crop
         * @property {number|null} [margin] ValidationSpec margin
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a ValidationSpec.
         * @memberof qprune
         * @interface IValidationSpec
         * @augments qprune.ValidationSpec.$Properties
         * @deprecated Use qprune.ValidationSpec.$Properties instead.
         */

        /**
         * Shape of a ValidationSpec.
         * @typedef {qprune.ValidationSpec.$Properties} qprune.ValidationSpec.$Shape
         */

        /**
         * Constructs a new ValidationSpec.
         * @memberof qprune
         * @classdesc Represents a ValidationSpec.
         * @constructor
         * @param {qprune.ValidationSpec.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const ValidationSpec = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * ValidationSpec count.
         * @member {number} count
         * @memberof qprune.ValidationSpec
         * @instance
         */
        ValidationSpec.prototype.count = 0;

        /**
         * ValidationSpec crop.
         * @member {number} crop
         * @memberof qprune.ValidationSpec
         * @instance
         */
        ValidationSpec.prototype.crop = 0;

        /**
         * ValidationSpec margin.
         * @member {number} margin
         * @memberof qprune.ValidationSpec
         * @instance
         */
        ValidationSpec.prototype.margin = 0;

        /**
         * Creates a new ValidationSpec instance using the specified properties.
         * @function create
         * @memberof qprune.ValidationSpec
         * @static
         * @param {qprune.ValidationSpec.$Properties=} [properties] Properties to set
         * @returns {qprune.ValidationSpec} ValidationSpec instance
         * @type {{
         *   (properties: qprune.ValidationSpec.$Shape): qprune.ValidationSpec & qprune.ValidationSpec.$Shape;
         *   (properties?: qprune.ValidationSpec.$Properties): qprune.ValidationSpec;
         * }}
         */
        ValidationSpec.create = function(properties) {
            return new ValidationSpec(properties);
        };

        /**
         * Encodes the specified ValidationSpec message. Does not implicitly {@link qprune.ValidationSpec.verify|verify} messages.
         * @function encode
         * @memberof qprune.ValidationSpec
         * @static
         * @param {qprune.ValidationSpec.$Properties} m ValidationSpec message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        ValidationSpec.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.count != null && $Object.hasOwnProperty.call(m, "count") && m.count !== 0)
                w.uint32(/* id 1, wireType 0 =*/8).uint32(m.count);
            if (m.crop != null && $Object.hasOwnProperty.call(m, "crop") && m.crop !== 0)
                w.uint32(/* id 2, wireType 0 =*/16).uint32(m.crop);
            if (m.margin != null && $Object.hasOwnProperty.call(m, "margin") && m.margin !== 0)
                w.uint32(/* id 3, wireType 0 =*/24).uint32(m.margin);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a ValidationSpec message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.ValidationSpec
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.ValidationSpec & qprune.ValidationSpec.$Shape} ValidationSpec
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        ValidationSpec.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.ValidationSpec();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.count = v;
                        else
                            delete m.count;
                        continue;
                    }
                case 2: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.crop = v;
                        else
                            delete m.crop;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.margin = v;
                        else
                            delete m.margin;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for ValidationSpec
         * @function getTypeUrl
         * @memberof qprune.ValidationSpec
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        ValidationSpec.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.ValidationSpec";
        };

        return ValidationSpec;
    })();

    qprune.Progress = (function() {

        /**
         * Properties of a Progress.
         * @typedef {Object} qprune.Progress.$Properties
         * @property {string|null} [runId] Progress runId
         * @property {string|null} [stage] Progress stage
         * @property {number|null} [done] Progress done
         * @property {number|null} [total] Progress total
         * @property {string|null} [message] Progress message
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Progress.
         * @memberof qprune
         * @interface IProgress
         * @augments qprune.Progress.$Properties
         * @deprecated Use qprune.Progress.$Properties instead.
         */

        /**
         * Shape of a Progress.
         * @typedef {qprune.Progress.$Properties} qprune.Progress.$Shape
         */

        /**
         * Constructs a new Progress.
         * @memberof qprune
         * @classdesc Represents a Progress.
         * @constructor
         * @param {qprune.Progress.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Progress = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Progress runId.
         * @member {string} runId
         * @memberof qprune.Progress
         * @instance
         */
        Progress.prototype.runId = "";

        /**
         * Progress stage.
         * @member {string} stage
         * @memberof qprune.Progress
         * @instance
         */
        Progress.prototype.stage = "";

        /**
         * Progress done.
         * @member {number} done
         * @memberof qprune.Progress
         * @instance
         */
        Progress.prototype.done = 0;

        /**
         * Progress total.
         * @member {number} total
         * @memberof qprune.Progress
         * @instance
         */
        Progress.prototype.total = 0;

        /**
         * Progress message.
         * @member {string} message
         * @memberof qprune.Progress
         * @instance
         */
        Progress.prototype.message = "";

        /**
         * Creates a new Progress instance using the specified properties.
         * @function create
         * @memberof qprune.Progress
         * @static
         * @param {qprune.Progress.$Properties=} [properties] Properties to set
         * @returns {qprune.Progress} Progress instance
         * @type {{
         *   (properties: qprune.Progress.$Shape): qprune.Progress & qprune.Progress.$Shape;
         *   (properties?: qprune.Progress.$Properties): qprune.Progress;
         * }}
         */
        Progress.create = function(properties) {
            return new Progress(properties);
        };

        /**
         * Encodes the specified Progress message. Does not implicitly {@link qprune.Progress.verify|verify} messages.
         * @function encode
         * @memberof qprune.Progress
         * @static
         * @param {qprune.Progress.$Properties} m Progress message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Progress.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.runId != null && $Object.hasOwnProperty.call(m, "runId") && m.runId !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.runId);
            if (m.stage != null && $Object.hasOwnProperty.call(m, "stage") && m.stage !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.stage);
            if (m.done != null && $Object.hasOwnProperty.call(m, "done") && m.done !== 0)
                w.uint32(/* id 3, wireType 0 =*/24).uint32(m.done);
            if (m.total != null && $Object.hasOwnProperty.call(m, "total") && m.total !== 0)
                w.uint32(/* id 4, wireType 0 =*/32).uint32(m.total);
            if (m.message != null && $Object.hasOwnProperty.call(m, "message") && m.message !== "")
                w.uint32(/* id 5, wireType 2 =*/42).string(m.message);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a Progress message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.Progress
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.Progress & qprune.Progress.$Shape} Progress
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Progress.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.Progress();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.runId = v;
                        else
                            delete m.runId;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.stage = v;
                        else
                            delete m.stage;
                        continue;
                    }
                case 3: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.done = v;
                        else
                            delete m.done;
                        continue;
                    }
                case 4: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.total = v;
                        else
                            delete m.total;
                        continue;
                    }
                case 5: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.message = v;
                        else
                            delete m.message;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for Progress
         * @function getTypeUrl
         * @memberof qprune.Progress
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Progress.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.Progress";
        };

        return Progress;
    })();

    qprune.Heartbeat = (function() {

        /**
         * Properties of a Heartbeat.
         * @typedef {Object} qprune.Heartbeat.$Properties
         * @property {string|null} [service] Heartbeat service
         * @property {string|null} [instance] Heartbeat instance
         * @property {number|null} [jobsDone] Heartbeat jobsDone
         * @property {number|null} [jobsFailed] Heartbeat jobsFailed
         * @property {number|null} [busy] Heartbeat busy
         * @property {number|null} [concurrency] Heartbeat concurrency
         * @property {string|null} [backend] Heartbeat backend
         * @property {number|null} [jobsRedelivered] Heartbeat jobsRedelivered
         * @property {number|null} [jobsReused] Heartbeat jobsReused
         * @property {number|null} [jobsStarted] Heartbeat jobsStarted
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */

        /**
         * Properties of a Heartbeat.
         * @memberof qprune
         * @interface IHeartbeat
         * @augments qprune.Heartbeat.$Properties
         * @deprecated Use qprune.Heartbeat.$Properties instead.
         */

        /**
         * Shape of a Heartbeat.
         * @typedef {qprune.Heartbeat.$Properties} qprune.Heartbeat.$Shape
         */

        /**
         * Constructs a new Heartbeat.
         * @memberof qprune
         * @classdesc Represents a Heartbeat.
         * @constructor
         * @param {qprune.Heartbeat.$Properties=} [p] Properties to set
         * @property {Array.<Uint8Array>} [$unknowns] Unknown fields preserved while decoding when enabled
         */
        const Heartbeat = function (p) {
            if (p)
                for (var ks = $Object.keys(p), i = 0; i < ks.length; ++i)
                    if (p[ks[i]] != null && ks[i] !== "__proto__")
                        this[ks[i]] = p[ks[i]];
        };

        /**
         * Heartbeat service.
         * @member {string} service
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.service = "";

        /**
         * Heartbeat instance.
         * @member {string} instance
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.instance = "";

        /**
         * Heartbeat jobsDone.
         * @member {number} jobsDone
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.jobsDone = 0;

        /**
         * Heartbeat jobsFailed.
         * @member {number} jobsFailed
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.jobsFailed = 0;

        /**
         * Heartbeat busy.
         * @member {number} busy
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.busy = 0;

        /**
         * Heartbeat concurrency.
         * @member {number} concurrency
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.concurrency = 0;

        /**
         * Heartbeat backend.
         * @member {string} backend
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.backend = "";

        /**
         * Heartbeat jobsRedelivered.
         * @member {number} jobsRedelivered
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.jobsRedelivered = 0;

        /**
         * Heartbeat jobsReused.
         * @member {number} jobsReused
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.jobsReused = 0;

        /**
         * Heartbeat jobsStarted.
         * @member {number} jobsStarted
         * @memberof qprune.Heartbeat
         * @instance
         */
        Heartbeat.prototype.jobsStarted = 0;

        /**
         * Creates a new Heartbeat instance using the specified properties.
         * @function create
         * @memberof qprune.Heartbeat
         * @static
         * @param {qprune.Heartbeat.$Properties=} [properties] Properties to set
         * @returns {qprune.Heartbeat} Heartbeat instance
         * @type {{
         *   (properties: qprune.Heartbeat.$Shape): qprune.Heartbeat & qprune.Heartbeat.$Shape;
         *   (properties?: qprune.Heartbeat.$Properties): qprune.Heartbeat;
         * }}
         */
        Heartbeat.create = function(properties) {
            return new Heartbeat(properties);
        };

        /**
         * Encodes the specified Heartbeat message. Does not implicitly {@link qprune.Heartbeat.verify|verify} messages.
         * @function encode
         * @memberof qprune.Heartbeat
         * @static
         * @param {qprune.Heartbeat.$Properties} m Heartbeat message or plain object to encode
         * @param {$protobuf.Writer} [w] Writer to encode to
         * @returns {$protobuf.Writer} Writer
         */
        Heartbeat.encode = function (m, w, q) {
            if (!w)
                w = $Writer.create();
            if (q === $undefined)
                q = 0;
            if (q > $util.recursionLimit)
                throw $Error("max depth exceeded");
            if (m.service != null && $Object.hasOwnProperty.call(m, "service") && m.service !== "")
                w.uint32(/* id 1, wireType 2 =*/10).string(m.service);
            if (m.instance != null && $Object.hasOwnProperty.call(m, "instance") && m.instance !== "")
                w.uint32(/* id 2, wireType 2 =*/18).string(m.instance);
            if (m.jobsDone != null && $Object.hasOwnProperty.call(m, "jobsDone") && !$Object.is(m.jobsDone, 0))
                w.uint32(/* id 3, wireType 1 =*/25).double(m.jobsDone);
            if (m.jobsFailed != null && $Object.hasOwnProperty.call(m, "jobsFailed") && !$Object.is(m.jobsFailed, 0))
                w.uint32(/* id 4, wireType 1 =*/33).double(m.jobsFailed);
            if (m.busy != null && $Object.hasOwnProperty.call(m, "busy") && m.busy !== 0)
                w.uint32(/* id 5, wireType 0 =*/40).uint32(m.busy);
            if (m.concurrency != null && $Object.hasOwnProperty.call(m, "concurrency") && m.concurrency !== 0)
                w.uint32(/* id 6, wireType 0 =*/48).uint32(m.concurrency);
            if (m.backend != null && $Object.hasOwnProperty.call(m, "backend") && m.backend !== "")
                w.uint32(/* id 7, wireType 2 =*/58).string(m.backend);
            if (m.jobsRedelivered != null && $Object.hasOwnProperty.call(m, "jobsRedelivered") && !$Object.is(m.jobsRedelivered, 0))
                w.uint32(/* id 8, wireType 1 =*/65).double(m.jobsRedelivered);
            if (m.jobsReused != null && $Object.hasOwnProperty.call(m, "jobsReused") && !$Object.is(m.jobsReused, 0))
                w.uint32(/* id 9, wireType 1 =*/73).double(m.jobsReused);
            if (m.jobsStarted != null && $Object.hasOwnProperty.call(m, "jobsStarted") && !$Object.is(m.jobsStarted, 0))
                w.uint32(/* id 10, wireType 1 =*/81).double(m.jobsStarted);
            if (m.$unknowns != null && $Object.hasOwnProperty.call(m, "$unknowns"))
                for (var i = 0; i < m.$unknowns.length; ++i)
                    w.raw(m.$unknowns[i]);
            return w;
        };

        /**
         * Decodes a Heartbeat message from the specified reader or buffer.
         * @function decode
         * @memberof qprune.Heartbeat
         * @static
         * @param {$protobuf.Reader|Uint8Array} r Reader or buffer to decode from
         * @param {number} [l] Message length if known beforehand
         * @returns {qprune.Heartbeat & qprune.Heartbeat.$Shape} Heartbeat
         * @throws {Error} If the payload is not a reader or valid buffer
         * @throws {$protobuf.util.ProtocolError} If required fields are missing
         */
        Heartbeat.decode = function (r, l, z, q, g) {
            if (!(r instanceof $Reader))
                r = $Reader.create(r);
            if (q === $undefined)
                q = 0;
            if (q > $Reader.recursionLimit)
                throw $Error("max depth exceeded");
            var c, m, v;
            if (l === $undefined)
                c = r.len;
            else {
                c = r.pos + l;
                if (c > r.len)
                    throw $RangeError("index out of range");
                l = r.len;
                r.len = c;
            }
            m = g || new $root.qprune.Heartbeat();
            while (r.pos < c) {
                var s = r.pos;
                var t = r.tag();
                if (t === z) {
                    z = $undefined;
                    break;
                }
                var u = t & 7;
                switch (t >>>= 3) {
                case 1: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.service = v;
                        else
                            delete m.service;
                        continue;
                    }
                case 2: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.instance = v;
                        else
                            delete m.instance;
                        continue;
                    }
                case 3: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.jobsDone = v;
                        else
                            delete m.jobsDone;
                        continue;
                    }
                case 4: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.jobsFailed = v;
                        else
                            delete m.jobsFailed;
                        continue;
                    }
                case 5: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.busy = v;
                        else
                            delete m.busy;
                        continue;
                    }
                case 6: {
                        if (u !== 0)
                            break;
                        if (v = r.uint32())
                            m.concurrency = v;
                        else
                            delete m.concurrency;
                        continue;
                    }
                case 7: {
                        if (u !== 2)
                            break;
                        if ((v = r.stringVerify()).length)
                            m.backend = v;
                        else
                            delete m.backend;
                        continue;
                    }
                case 8: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.jobsRedelivered = v;
                        else
                            delete m.jobsRedelivered;
                        continue;
                    }
                case 9: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.jobsReused = v;
                        else
                            delete m.jobsReused;
                        continue;
                    }
                case 10: {
                        if (u !== 1)
                            break;
                        if (!$Object.is(v = r.double(), 0))
                            m.jobsStarted = v;
                        else
                            delete m.jobsStarted;
                        continue;
                    }
                }
                r.skipType(u, q, t);
                if (!r.discardUnknown) {
                    $util.makeProp(m, "$unknowns", false);
                    (m.$unknowns || (m.$unknowns = [])).push(r.raw(s, r.pos));
                }
            }
            if (l !== $undefined) {
                if (r.pos !== c)
                    throw $RangeError("index out of range");
                r.len = l;
            }
            if (z !== $undefined)
                throw $Error("missing end group");
            return m;
        };

        /**
         * Gets the type url for Heartbeat
         * @function getTypeUrl
         * @memberof qprune.Heartbeat
         * @static
         * @param {string} [prefix] Custom type url prefix, defaults to `"type.googleapis.com"`
         * @returns {string} The type url
         */
        Heartbeat.getTypeUrl = function(prefix) {
            if (prefix === $undefined)
                prefix = "type.googleapis.com";
            return prefix + "/qprune.Heartbeat";
        };

        return Heartbeat;
    })();

    return qprune;
})();

export {
  $root as default
};
