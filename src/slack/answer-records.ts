import type { Answer } from "../contracts/answer.js";

/** An answer the bot posted, kept so that its buttons (feedback, share) can refer to it. */
export interface AnswerRecord {
  answer: Answer;
  channel: string;
  userId: string;
}

const MAX_RECORDS = 5_000;

/** Recent answers by id, oldest dropped first. In memory: buttons on older answers still record a vote, with less detail. */
export class AnswerRecords {
  private readonly records = new Map<string, AnswerRecord>();

  add(id: string, record: AnswerRecord): void {
    this.records.set(id, record);
    if (this.records.size > MAX_RECORDS) {
      const oldest = this.records.keys().next();
      if (oldest.done !== true) {
        this.records.delete(oldest.value);
      }
    }
  }

  get(id: string): AnswerRecord | undefined {
    return this.records.get(id);
  }
}
