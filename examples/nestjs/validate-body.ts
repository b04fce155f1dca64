import { IsNotEmpty, IsString } from 'class-validator';

/** The body `POST /validate` accepts; `ValidationPipe` answers 400 without a `name`. */
export class ValidateBody {
  @IsString()
  @IsNotEmpty()
  name!: string;
}
