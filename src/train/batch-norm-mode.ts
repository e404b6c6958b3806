/** How BatchNorm layers behave while fine-tuning (src/train/finetune.ts): pretrained statistics kept, or those of each minibatch. */
export const BATCH_NORM_MODES = ['frozen', 'batch'] as const;
export type BatchNormMode = (typeof BATCH_NORM_MODES)[number];
