-- the case list: newest first, within a status or a case manager; the cases a person is on
create index case_file_status on case_file (status, id);
create index case_file_manager on case_file (case_manager_id, id);
create index case_participant_person on case_participant (person_id, case_id);
-- a case's updates in the order they were posted (by id), a page at a time
drop index case_update_case;
create index case_update_case on case_update (case_id, id);
-- a case's inbound messages: its manager's triage queue and the per-case rate limit
create index inbound_message_case on inbound_message (case_id, disposition, processed_at);
