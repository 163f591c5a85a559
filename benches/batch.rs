//! Planning a folder's drafts: `cargo bench --bench batch`.
//!
//! `batch/plan` names the drafts of 1 000, 4 000 and 16 000 bulletins (a
//! folder of towns' reports, some of one name in .txt and .docx), checking
//! every name against every input's and every other draft's: it must grow
//! with the files, not with their square. BENCHMARKS.md records the figures.

use std::path::{Path, PathBuf};

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use duban::batch::{Input, output_paths};

/// `count` inputs in 40 sub-folders; one in ten has a twin of another extension.
fn inputs(count: usize) -> Vec<Input> {
    (0..count)
        .map(|n| {
            let extension = if n % 10 == 9 { "docx" } else { "txt" };
            let stem = if n % 10 == 9 { n - 1 } else { n };
            let relative = PathBuf::from(format!("镇{}/第{stem}期通报.{extension}", n % 40));
            Input { path: Path::new("in").join(&relative), relative }
        })
        .collect()
}

fn plan(c: &mut Criterion) {
    let mut group = c.benchmark_group("batch/plan");
    for count in [1_000, 4_000, 16_000] {
        let inputs = inputs(count);
        group.throughput(Throughput::Elements(count as u64));
        group.bench_with_input(BenchmarkId::from_parameter(count), &inputs, |b, inputs| {
            b.iter(|| output_paths(inputs, Path::new("out"), "督办通知", "docx").unwrap().len())
        });
    }
    group.finish();
}

criterion_group!(benches, plan);
criterion_main!(benches);
