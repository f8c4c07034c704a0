-- the receiving server's Authentication-Results verdicts, read when the message is stored
alter table inbound_message add column auth_serv_id varchar(255);
alter table inbound_message add column auth_spf varchar(40);
alter table inbound_message add column auth_dkim varchar(40);
alter table inbound_message add column auth_dmarc varchar(40);
