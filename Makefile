# Coverage-guided fuzzing of the readers and the fact parser (atheris): see docs/reliability.md.
#   make fuzz                                    every target, FUZZ_SECONDS each
#   make fuzz FUZZ_TARGETS=pdf FUZZ_SECONDS=600  one target, longer
# Crashing inputs are saved under $(FUZZ_WORK)/crashes/<target>/; the corpus grows in
# $(FUZZ_WORK)/corpus/<target>/, so a later run goes on from there.

PYTHON ?= .venv/bin/python
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= plain html pdf docx jsonl facts
FUZZ_WORK ?= build/fuzz

.PHONY: fuzz fuzz-seeds run

fuzz: fuzz-seeds
	@status=0; for target in $(FUZZ_TARGETS); do \
		echo "== fuzz_$$target ($(FUZZ_SECONDS) s)"; \
		mkdir -p $(FUZZ_WORK)/crashes/$$target; \
		$(PYTHON) fuzz/fuzz_$$target.py -max_total_time=$(FUZZ_SECONDS) -timeout=30 \
			-artifact_prefix=$(FUZZ_WORK)/crashes/$$target/ \
			$(FUZZ_WORK)/corpus/$$target || status=1; \
	done; exit $$status

fuzz-seeds:
	$(PYTHON) fuzz/make_seeds.py $(FUZZ_WORK)/corpus

# The review workspace on the bundled samples: stores samples/ in $(DB), then serves it on
# http://127.0.0.1:$(PORT)/; a first start makes the administrator and prints its password
# (once: it is stored only hashed).
UNFREE ?= .venv/bin/unfree
DB ?= sqlite:///unfree.db
PORT ?= 8000

run: $(UNFREE)
	$(UNFREE) ingest samples/ --db $(DB)
	$(UNFREE) serve --db $(DB) --port $(PORT) --no-samples

$(UNFREE):
	python3 -m venv .venv && .venv/bin/pip install -q -e ".[dev]"
