// Package eval is Sufler's own evaluation: a corpus of agent replies and customer messages
// written apart from the packs, and the scoring of the engine's answers on it (`make eval`).
//
// The corpus lives in corpus/, one file per pack and kind, named <kind>-<pack id>.txt:
//
//	replies-prove-customs.txt       agent replies checked by /v1/check
//	messages-insurance-service.txt  customer messages given to /v1/suggest and /v1/segment
//
// Both are line files. Blank lines and lines starting with # are ignored; a note follows
// the last " // " on a line.
//
// A reply line is an id, a colon and the reply:
//
//	cv012: Одобрение мы вам [[гарантируем|promise]], документы в порядке. // word order
//	cc040: Пишете, что вам «гарантировали выпуск» — такого обещать не могли. // quotes the customer
//
// Ids of violations have "v" as their second letter, clean replies "c". A violation marks
// each span the policy forbids as [[exact words|category]], with the category named as the
// packs name theirs (promise, legality, apology…); the text sent to the engine is the line
// with the brackets taken off. A clean reply has no marks: it is a near miss that a correct
// engine leaves alone (a refusal that names the forbidden thing, the customer's words
// quoted, a negation, allowed wording close to forbidden wording).
//
// A message line is an id, the segment the customer belongs to, a colon, the message, " => "
// and the ids of the pack's templates or cases that answer it (any one of them is right):
//
//	cm007 smb: а можно как-то подешевле растаможить, бюджет маленький => cost-saving-legal
//
// Everything in the corpus was written fresh, the way agents and customers write in chat and
// e-mail, from the company policies in the seeds, not from the packs' rule examples,
// triggers or phrasings; the package's tests refuse an item that repeats one verbatim.
// README.md says how the items were written and how to add more.
package eval
