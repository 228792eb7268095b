/* fake_store.h - a deterministic store for the routers of a fleet, in
   memory, with its own clock (S.now): the semantics llm.h's store section
   states (ADMIT, SETTLE; fixed windows of the store's clock; slots that
   expire; cooldown, half-open mark and probe token), written from that
   text, as the Redis adapter's scripts are. `down` makes every run fail;
   `calls` counts the runs that reached it. */
#ifndef FAKE_STORE_H
#define FAKE_STORE_H

#define FS_KEYS 512

typedef struct fs_entry {
    char key[96];
    char member[48];     /* a slot of a sorted set, or "" for a plain key */
    int64_t value;
    int64_t expires;     /* 0 = never */
} fs_entry;

typedef struct fake_store {
    int64_t now;
    bool down;
    int calls, admits, settles, reads;
    int refused;         /* runs while down */
    fs_entry e[FS_KEYS];
    int n;
} fake_store;

static bool fs_live(const fake_store *s, const fs_entry *e) { return e->key[0] && (!e->expires || e->expires > s->now); }

static fs_entry *fs_find(fake_store *s, const char *key, const char *member) {
    int i;
    for (i = 0; i < s->n; i++)
        if (fs_live(s, &s->e[i]) && strcmp(s->e[i].key, key) == 0 && strcmp(s->e[i].member, member) == 0) return &s->e[i];
    return NULL;
}

static fs_entry *fs_put(fake_store *s, const char *key, const char *member, int64_t value, int64_t ttl) {
    fs_entry *e = fs_find(s, key, member);
    int i;
    if (!e) {
        for (i = 0; i < s->n && fs_live(s, &s->e[i]); i++) {}
        if (i == s->n) {
            if (s->n == FS_KEYS) abort();
            s->n++;
        }
        e = &s->e[i];
        snprintf(e->key, sizeof e->key, "%s", key);
        snprintf(e->member, sizeof e->member, "%s", member);
    }
    e->value = value;
    e->expires = ttl > 0 ? s->now + ttl : 0;
    return e;
}

static void fs_del(fake_store *s, const char *key, const char *member) {
    fs_entry *e = fs_find(s, key, member);
    if (e) e->key[0] = '\0';
}

static int64_t fs_get(fake_store *s, const char *key) {
    fs_entry *e = fs_find(s, key, "");
    return e ? e->value : 0;
}

static int64_t fs_ttl(fake_store *s, const char *key) {
    fs_entry *e = fs_find(s, key, "");
    return e ? (e->expires ? e->expires - s->now : -1) : -2;
}

static int fs_slots(fake_store *s, const char *key) {
    int i, n = 0;
    for (i = 0; i < s->n; i++)
        if (fs_live(s, &s->e[i]) && s->e[i].member[0] && strcmp(s->e[i].key, key) == 0) n++;
    return n;
}

static void fs_key(char *out, size_t size, const char *prefix, const char *name) {
    snprintf(out, size, "%s:%s", prefix, name);
}

static void fs_window_key(char *out, size_t size, const char *prefix, const llm_store_window *w, int64_t t) {
    snprintf(out, size, "%s:%s:%lld", prefix, w->name, (long long)(t - t % w->window_ms));
}

static void fs_admit(fake_store *s, llm_store_op *op) {
    char k[96], cool[96], half[96], probe[96], slots[96];
    int i;
    bool take_probe = false;
    fs_key(cool, sizeof cool, op->prefix, "cooldown");
    fs_key(half, sizeof half, op->prefix, "halfopen");
    fs_key(probe, sizeof probe, op->prefix, "probe");
    fs_key(slots, sizeof slots, op->prefix, "inflight");
    op->refusal = LLM_STORE_ADMITTED;
    op->probe = false;
    op->wait_ms = 0;
    if (fs_find(s, cool, "")) {
        op->refusal = LLM_STORE_COOLING;
        op->wait_ms = fs_ttl(s, cool);
        return;
    }
    if (fs_find(s, half, "")) {
        if (fs_find(s, probe, "")) {
            op->refusal = LLM_STORE_PROBING;
            op->wait_ms = fs_ttl(s, probe);
            return;
        }
        take_probe = true;
    }
    for (i = 0; i < op->window_count; i++) {
        const llm_store_window *w = &op->windows[i];
        int64_t cur;
        fs_window_key(k, sizeof k, op->prefix, w, s->now);
        cur = fs_get(s, k);
        if (w->limit > 0 && cur + w->need > w->limit) {
            op->refusal = LLM_STORE_FULL;
            op->window = i;
            op->count = cur;
            op->wait_ms = w->window_ms - s->now % w->window_ms;
            return;
        }
    }
    if (op->slot_limit > 0 && fs_slots(s, slots) >= op->slot_limit) {
        op->refusal = LLM_STORE_NO_SLOT;
        return;
    }
    for (i = 0; i < op->window_count; i++) {
        const llm_store_window *w = &op->windows[i];
        fs_window_key(k, sizeof k, op->prefix, w, s->now);
        if (w->add) fs_put(s, k, "", fs_get(s, k) + w->add, w->window_ms - s->now % w->window_ms + 60000);
    }
    if (op->slot_limit > 0 && op->slot_id) fs_put(s, slots, op->slot_id, 1, op->slot_ttl_ms);
    if (take_probe) {
        fs_put(s, probe, "", 1, op->probe_ttl_ms);
        op->probe = true;
    }
}

static void fs_settle(fake_store *s, llm_store_op *op) {
    char k[96], cool[96], half[96], probe[96], slots[96];
    int i;
    fs_key(cool, sizeof cool, op->prefix, "cooldown");
    fs_key(half, sizeof half, op->prefix, "halfopen");
    fs_key(probe, sizeof probe, op->prefix, "probe");
    fs_key(slots, sizeof slots, op->prefix, "inflight");
    if (op->slot_id) fs_del(s, slots, op->slot_id);
    for (i = 0; i < op->window_count; i++) {
        const llm_store_window *w = &op->windows[i];
        int64_t at = op->at_ms ? op->at_ms : s->now;
        if (at - at % w->window_ms != s->now - s->now % w->window_ms) continue; /* that window has ended */
        fs_window_key(k, sizeof k, op->prefix, w, s->now);
        fs_put(s, k, "", fs_get(s, k) + w->add, w->window_ms - s->now % w->window_ms + 60000);
    }
    if (op->cool_ms > 0) {
        fs_put(s, cool, "", 1, op->cool_ms);
        fs_put(s, half, "", 1, op->cool_ms + 86400000);
        fs_del(s, probe, "");
    }
    if (op->close) {
        fs_del(s, half, "");
        fs_del(s, probe, "");
    }
    if (op->drop_probe) fs_del(s, probe, "");
}

static void fs_read(fake_store *s, llm_store_op *op) {
    char cool[96];
    int i;
    for (i = 0; i < op->read_count; i++) {
        int64_t t;
        fs_key(cool, sizeof cool, op->read_prefixes[i], "cooldown");
        t = fs_ttl(s, cool);
        op->read_cooldown_ms[i] = t > 0 ? t : 0;
    }
}

static llm_result fs_run(void *user, llm_store_op *op, llm_error *err) {
    fake_store *s = (fake_store *)user;
    if (s->down) {
        s->refused++;
        if (err) {
            memset(err, 0, sizeof *err);
            err->code = LLM_ERR_TRANSPORT;
            snprintf(err->message, sizeof err->message, "connection refused");
        }
        return LLM_ERR_TRANSPORT;
    }
    s->calls++;
    op->now_ms = s->now;
    if (op->kind == LLM_STORE_READ) { s->reads++; fs_read(s, op); }
    else if (op->kind == LLM_STORE_ADMIT) { s->admits++; fs_admit(s, op); }
    else if (op->kind == LLM_STORE_SETTLE) { s->settles++; fs_settle(s, op); }
    return LLM_OK;
}

#endif
