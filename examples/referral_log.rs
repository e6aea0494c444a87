//! Writes a referral log of N referrals (default 100,000) over the year before 2026-11-23,
//! on the embedded catalogue's services, needs and regions, with outcomes as a busy
//! hotline would have them: most older referrals closed, recent ones often still open.
//! Deterministic (a fixed seed), for the whole-process benchmark (`benches/referral_log.sh`).
//!
//! `cargo run --release --example referral_log -- /tmp/referrals.db 100000`

use jiff::{ToSpan, Zoned};
use pathways::config::Config;
use pathways::referral::{
    ConsentKind, Draft, NewOutcome, Priority, Reason, Record, ReferralLog, Status,
};

/// xorshift64*: the same log on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().unwrap_or_else(|| "/tmp/referrals.db".into());
    let count: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(100_000);
    let catalogue = pathways::catalogue::load_embedded().expect("the embedded catalogue");
    let services: Vec<&str> = catalogue.services.iter().map(|s| s.id.as_str()).collect();
    let needs: Vec<&str> = catalogue.needs.iter().map(|n| n.id.as_str()).collect();
    let regions: Vec<&str> = catalogue.regions.iter().map(|r| r.id.as_str()).collect();
    let end: Zoned = "2026-11-23T12:00:00+03:00[Europe/Minsk]".parse().unwrap();
    let mut rng = Rng(0x0bad_cafe_1234_5678);
    let config = Config::default();

    let mut records = Vec::with_capacity(count);
    for i in 0..count {
        // Spread over 360 days, oldest first.
        let seconds_back = (count - i) as i64 * 360 * 86_400 / count as i64;
        let now = end.checked_sub(seconds_back.seconds()).unwrap();
        let mut chosen: Vec<String> = Vec::new();
        for _ in 0..=rng.below(3) / 2 {
            let service = rng.pick(&services).to_string();
            if !chosen.contains(&service) {
                chosen.push(service);
            }
        }
        let note_ref = format!("PW-{}-{:04X}", now.strftime("%Y%m%d-%H%M%S"), i % 0x10000);
        let mut draft = Draft::new(chosen, now.date(), note_ref, &config);
        draft.needs = vec![rng.pick(&needs).to_string()];
        draft.region = (rng.below(4) > 0).then(|| rng.pick(&regions).to_string());
        draft.priority = match rng.below(20) {
            0 => Priority::Emergency,
            1..=5 => Priority::Urgent,
            _ => Priority::Routine,
        };
        draft.consent = Some(ConsentKind::Verbal);
        draft.client_languages = vec!["ru".into()];
        records.push(Record::new(&draft, "en", &now, false));
    }

    let mut outcomes: Vec<(usize, Status, Option<Reason>)> = Vec::new();
    for (i, record) in records.iter().enumerate() {
        let recent = record.follow_up > end.date().checked_sub(30.days()).unwrap();
        let roll = rng.below(100);
        let closed = if recent { roll < 40 } else { roll < 95 };
        if !closed {
            if roll.is_multiple_of(3) {
                outcomes.push((i, Status::Accepted, None));
            }
            continue;
        }
        let (status, reason) = match rng.below(20) {
            0..=9 => (Status::Attended, None),
            10..=11 => (Status::DeclinedByService, Some(Reason::NoCapacity)),
            12..=13 => (Status::DeclinedByClient, Some(Reason::ClientWithdrew)),
            14..=15 => (Status::ReferredOn, None),
            _ => (Status::Closed, Some(Reason::NoAnswer)),
        };
        outcomes.push((i, status, reason));
    }

    if let Some(dir) = std::path::Path::new(&path).parent() {
        std::fs::create_dir_all(dir).expect("the log's directory");
    }
    let mut log = ReferralLog::open(&path).expect("the log opens");
    let imported = log.import(&records).expect("the referrals are written");
    let batch: Vec<NewOutcome> = outcomes
        .iter()
        .map(|&(i, status, reason)| NewOutcome {
            note_ref: &records[i].note_ref,
            service: None,
            status,
            reason,
            date: records[i].follow_up.min(end.date()),
        })
        .collect();
    log.add_outcomes(&batch, end.timestamp())
        .expect("the outcomes are written");
    // A fresh import leaves no write-ahead log behind; the outcomes' batch is flushed too.
    log.import(&[]).expect("checkpointed");
    let due = log.due_count(end.date()).expect("counted");
    println!(
        "{path}: {imported} referrals, {} outcomes, {due} due on {}",
        batch.len(),
        end.date()
    );
}
