"""The handling steps of a case (补正, 延期, 征求意见, 收费, 答复, 送达, 归档)."""
