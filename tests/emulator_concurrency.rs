//! Duplicate names, idempotence and quotas hold under concurrent requests:
//! 64 requests in flight at once over real HTTP.

mod emulator_support;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use createimage_contract::fixtures::Manifest;
use createimage_contract::wire::{Format, WireStyle};
use emulator_support::{Harness, Reply, send};

const N: usize = 64;

async fn burst(
    h: &Arc<Harness>,
    account: &'static str,
    params: Vec<(&'static str, String)>,
) -> Vec<Reply> {
    let requests: Vec<_> = (0..N)
        .map(|i| {
            let style = WireStyle::ALL[i % WireStyle::ALL.len()];
            let list: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
            h.prepare(account, style, Some(Format::Json), &list)
        })
        .collect();
    let tasks: Vec<_> = requests
        .into_iter()
        .map(|req| {
            let addr = h.addr();
            tokio::spawn(async move { send(addr, &req).await })
        })
        .collect();
    let mut replies = Vec::new();
    for task in tasks {
        replies.push(task.await.unwrap());
    }
    replies
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn sixty_four_concurrent_requests_with_one_client_token_create_one_image() {
    let h = Arc::new(Harness::start().await);
    let system = h.resolve("@snapshot.system");
    let replies = burst(
        &h,
        "default",
        vec![
            ("SnapshotId", system),
            ("ClientToken", "concurrent-token".into()),
        ],
    )
    .await;
    assert!(
        replies.iter().all(|r| r.status == 200),
        "{:?}",
        replies.iter().find(|r| r.status != 200)
    );
    let ids: BTreeSet<String> = replies.iter().filter_map(|r| r.field("ImageId")).collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(h.running.emulator.store().images_of("default").len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn sixty_four_concurrent_requests_with_one_image_name_succeed_once() {
    let h = Arc::new(Harness::start().await);
    let system = h.resolve("@snapshot.system");
    let replies = burst(
        &h,
        "default",
        vec![
            ("SnapshotId", system),
            ("ImageName", "concurrent-name".into()),
        ],
    )
    .await;
    let ok = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(ok, 1);
    assert!(
        replies
            .iter()
            .filter(|r| r.status != 200)
            .all(|r| r.code() == "InvalidImageName.Duplicated")
    );
    assert_eq!(h.running.emulator.store().image_count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn quota_with_one_image_left_admits_exactly_one_of_sixty_four() {
    let manifest = Manifest::parse(
        "accounts:\n  - { name: edge, access_key_id: edge-key, access_key_secret: edge-secret, image_quota: 5, images_used: 4 }\n\
         snapshots:\n  - { name: system, id: s-edge00000000000001, source_disk_type: system, size: 40, created: 2023-01-10 }\n",
        Path::new("edge.yaml"),
    )
    .unwrap();
    let h = Arc::new(Harness::with(manifest, None).await);
    let system = h.resolve("@snapshot.system");
    let replies = burst(&h, "edge", vec![("SnapshotId", system)]).await;
    let ok = replies.iter().filter(|r| r.status == 200).count();
    assert_eq!(ok, 1);
    assert!(
        replies
            .iter()
            .filter(|r| r.status != 200)
            .all(|r| r.code() == "QuotaExceed.Image")
    );
}
