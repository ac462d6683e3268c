"""公文登记: the register, its rules, ledger import/export and alerts."""
